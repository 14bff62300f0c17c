"""Reading the clinic's review settings, with the defaults when none are saved."""

from review.models import ReviewSettings


def get_review_settings() -> ReviewSettings:
    """The saved settings row, or an unsaved one holding the defaults."""
    return ReviewSettings.objects.filter(singleton=True).first() or ReviewSettings()


def review_target_working_days(review_settings: ReviewSettings | None = None) -> int:
    """How many working days a non-urgent case may wait before it is overdue (the one place that reads it)."""
    return (review_settings or get_review_settings()).review_working_days
