"""The heart page's blood-pressure warning, beside a reading that CARDIO_BP_CRISIS_RANGE finds urgent."""

from collections.abc import Mapping

from patients.document import build_document
from patients.models import Intake
from patients.services import clinic_today
from screening.rules.cardio import CRISIS_DIASTOLIC, CRISIS_SYSTOLIC
from screening.services import get_bp_warning_text, urgent_findings

HEART_SLUG = "heart"
BP_CRISIS = "CARDIO_BP_CRISIS_RANGE"


def bp_crisis(answers: Mapping) -> bool:
    """Whether these answers hold a reading that the rule CARDIO_BP_CRISIS_RANGE itself finds urgent."""
    return BP_CRISIS in urgent_findings(build_document(answers, clinic_today()))


def bp_warning_context(intake: Intake, *, posted: list[dict] | None) -> dict:
    """The warning text, whether the reading on the page calls for it, and the limits the script checks.

    `posted` holds the readings of a page sent back with errors: a reading typed on it decides.
    """
    readings = [{**intake.answers, **reading} for reading in posted or [{}]]
    return {
        "show_bp_warning": any(bp_crisis(answers) for answers in readings),
        "bp_warning_text": get_bp_warning_text(),
        # The script warns above the rule's own numbers at once; the rule decides again on save.
        "bp_systolic_limit": CRISIS_SYSTOLIC,
        "bp_diastolic_limit": CRISIS_DIASTOLIC,
    }
