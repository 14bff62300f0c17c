"""Reading the clinic's review settings, with the defaults when none are saved."""

from review.models import ReviewSettings
from screening.services import get_clinic_settings


def get_review_settings() -> ReviewSettings:
    """The saved settings row, or an unsaved one holding the defaults."""
    return ReviewSettings.objects.filter(singleton=True).first() or ReviewSettings()


def review_target_working_days() -> int:
    """How many working days a non-urgent case may wait before it is overdue: the clinic's one setting."""
    return get_clinic_settings().review_working_days
