"""The heart page's blood-pressure warning, beside a reading that CARDIO_BP_CRISIS_RANGE finds urgent."""

from collections.abc import Mapping
from functools import cache

from patients.document import build_document
from patients.models import Intake
from patients.services import clinic_today
from screening.document_fields import FIELDS
from screening.services import get_bp_warning_text, urgent_findings

HEART_SLUG = "heart"
BP_CRISIS = "CARDIO_BP_CRISIS_RANGE"
READING = ("bp_systolic", "bp_diastolic")


def bp_crisis(answers: Mapping) -> bool:
    """Whether these answers hold a reading that the rule CARDIO_BP_CRISIS_RANGE itself finds urgent."""
    return BP_CRISIS in urgent_findings(build_document(answers, clinic_today()))


def bp_warning_context(intake: Intake, *, posted: list[dict] | None) -> dict:
    """The warning text, whether the reading on the page calls for it, and the limits the script checks.

    `posted` holds the readings of a page sent back with errors: a reading typed on it decides.
    """
    readings = [{**intake.answers, **reading} for reading in posted or [{}]]
    systolic_limit, diastolic_limit = bp_crisis_limits()
    return {
        "show_bp_warning": any(bp_crisis(answers) for answers in readings),
        "bp_warning_text": get_bp_warning_text(),
        "bp_systolic_limit": systolic_limit,
        "bp_diastolic_limit": diastolic_limit,
    }


@cache
def bp_crisis_limits() -> tuple[int, int]:
    """The highest top and bottom numbers the rule lets pass, asked of its own predicate."""
    limits = []
    for name in READING:
        low, high = next((spec.minimum, spec.maximum) for spec in FIELDS if spec.name == name)
        limits.append(highest_passing(name, low - 1, high))
    return limits[0], limits[1]


def highest_passing(name: str, low: int, high: int) -> int:
    """Binary search for the highest value of `name` (the other number unknown) that is not urgent."""
    # The rule fires above a limit, so "urgent" is monotone in each number; `low` itself is never urgent.
    while low < high:
        middle = (low + high + 1) // 2
        if bp_crisis({"has_bp_reading": "yes", name: middle}):
            high = middle - 1
        else:
            low = middle
    return low
