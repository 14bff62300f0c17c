"""Screening models, split by feature: medication dictionary, results, crisis alerts, clinic settings."""

from screening.models.alerts import CrisisAlert
from screening.models.catalogue import RuleCaseCount
from screening.models.clinic import ClinicSettings
from screening.models.medications import MedicationName
from screening.models.results import (
    OUTCOME_RANK,
    Outcome,
    OverrideReason,
    Reason,
    ScreeningChange,
    ScreeningFlag,
    ScreeningResult,
    Severity,
)

__all__ = [
    "OUTCOME_RANK",
    "ClinicSettings",
    "CrisisAlert",
    "MedicationName",
    "Outcome",
    "OverrideReason",
    "Reason",
    "RuleCaseCount",
    "ScreeningChange",
    "ScreeningFlag",
    "ScreeningResult",
    "Severity",
]
