"""Screening models, split by feature: medication dictionary, results, crisis alerts, clinic settings."""

from screening.models.alerts import CrisisAlert
from screening.models.clinic import ClinicSettings
from screening.models.medications import MedicationName
from screening.models.results import (
    Outcome,
    Reason,
    ScreeningChange,
    ScreeningFlag,
    ScreeningResult,
    Severity,
)

__all__ = [
    "ClinicSettings",
    "CrisisAlert",
    "MedicationName",
    "Outcome",
    "Reason",
    "ScreeningChange",
    "ScreeningFlag",
    "ScreeningResult",
    "Severity",
]
