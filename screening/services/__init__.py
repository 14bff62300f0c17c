"""Screening services: the only code that writes screening rows. Import from here."""

from screening.services.alerts import (
    acknowledge_alert,
    escalate_overdue_alerts,
    raise_crisis_alert,
    raise_draft_crisis_alert,
)
from screening.services.catalogue import count_open_cases
from screening.services.clinic import get_bp_warning_text, get_clinic_settings, get_crisis_text
from screening.services.dictionary import rescreen_after_dictionary_change
from screening.services.matching import get_matcher, screen_document
from screening.services.results import outdated_intakes, rescreen_intakes, screen_intake
from screening.services.urgent import new_findings, urgent_findings

__all__ = [
    "count_open_cases",
    "acknowledge_alert",
    "escalate_overdue_alerts",
    "get_clinic_settings",
    "get_bp_warning_text",
    "get_crisis_text",
    "get_matcher",
    "outdated_intakes",
    "raise_crisis_alert",
    "raise_draft_crisis_alert",
    "rescreen_after_dictionary_change",
    "new_findings",
    "rescreen_intakes",
    "screen_document",
    "screen_intake",
    "urgent_findings",
]
