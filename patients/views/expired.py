"""A step page posted after the patient's session ended comes back, unsaved, once they sign in again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.expiry import take_kept_post
from patients.models import Intake
from patients.services import keep_unsaved_page
from patients.steps import Step

NOT_SAVED = (
    "You were signed out before this page was saved, so it has not been saved yet. "
    "What you sent is filled in below: check it, then save the page."
)


def restore_kept_post(request: HttpRequest, intake: Intake, page: Step) -> Intake:
    """Make what was posted to this page after sign-out its unsaved answers, and say so; the intake."""
    typed = take_kept_post(request)
    if typed is None:
        return intake
    typed.pop("action", None)
    try:
        intake = keep_unsaved_page(intake=intake, step=page, typed=typed)
    except ValidationError:  # sent meanwhile, or too large: nothing to show again
        return intake
    messages.warning(request, NOT_SAVED)
    return intake
