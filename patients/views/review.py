"""Check your answers, consent and sign, then send: the last step of the intake."""

import logging

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import patient_required
from patients.models import Intake
from patients.services import (
    IncompleteIntake,
    StaleReview,
    answers_digest,
    clinic_today,
    submit_intake,
)
from patients.steps import get_step, steps_for
from patients.views import more_info
from patients.views.flow import (
    REVIEW_SLUG,
    answer_groups,
    crisis_context,
    error_links,
    own_intake,
    step_url,
)
from screening.document import InvalidDocument

logger = logging.getLogger(__name__)
CHANGED_ELSEWHERE = (
    "Your answers changed after you opened this page, perhaps in another window. "
    "Check them below, then send your form."
)
NOT_SENT = "Your form has not been sent yet. Check your answers, then send it."
COULD_NOT_CHECK = (
    "We could not check some of your answers, so your form has not been sent. Your answers are saved. "
    "Please look through them below and try again, or contact the clinic."
)


@patient_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Every answer grouped by step with a Change link, then consent, signature and the send button."""
    intake = own_intake(request, pk)
    if intake.awaiting_more_information:
        return more_info.show(request, intake, consent_form(None, intake))
    if not intake.is_editable:
        return redirect("patients:intake-detail", pk=intake.pk)
    return show(request, intake, consent_form(None, intake))


@patient_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the intake once; a repeated send (double click, second tab) lands on the same confirmation."""
    intake = own_intake(request, pk)
    if request.method != "POST":
        # Signing in again after a send that met the end of the session comes back here by GET.
        messages.warning(request, NOT_SENT)
        return redirect("patients:review", pk=intake.pk)
    if intake.awaiting_more_information:
        return more_info.send_again(request, intake, consent_form(request.POST, intake))
    if not intake.is_editable:
        return redirect("patients:confirmation", pk=intake.pk)
    form = consent_form(request.POST, intake)
    if not form.is_valid():
        return show(request, intake, form)
    try:
        # The consent and signature are saved with the submission, in one transaction.
        intake = submit_intake(
            intake_id=intake.pk,
            patient=request.user,
            signature=form.cleaned_data["consent_signature"],
            reviewed_digest=request.POST.get("reviewed_digest"),
            page=form,
        )
    except IncompleteIntake:
        messages.error(request, "Some questions are not answered yet. Answer them, then send your form.")
        return redirect("patients:review", pk=intake.pk)
    except StaleReview:
        messages.warning(request, CHANGED_ELSEWHERE)
        return redirect("patients:review", pk=intake.pk)
    except InvalidDocument as error:
        # The forms should never let this happen: keep the draft, tell the patient, tell the logs.
        logger.error("intake %s could not be sent: %s", intake.pk, error.errors)
        messages.error(request, COULD_NOT_CHECK)
        return redirect("patients:review", pk=intake.pk)
    return redirect("patients:confirmation", pk=intake.pk)


def consent_form(data: object, intake: Intake) -> BaseForm:
    return get_step(REVIEW_SLUG).form_class(data, answers=intake.answers, today=clinic_today())


def show(request: HttpRequest, intake: Intake, form: BaseForm) -> HttpResponse:
    applicable = steps_for(intake.answers)
    missing = [s for s in applicable if s.slug not in intake.completed_steps and s.slug != REVIEW_SLUG]
    context = {
        "intake": intake,
        "step": get_step(REVIEW_SLUG),
        "steps": applicable,
        "number": len(applicable),
        "completed": set(intake.completed_steps),
        "groups": answer_groups(intake, with_links=True),
        "missing": [(step, step_url(intake, step, back_to_review=True)) for step in missing],
        "form": form,
        "errors": error_links([form]),
        "reviewed_digest": answers_digest(intake.answers),
        **crisis_context(intake),
    }
    return render(request, "patients/review_patient.html", context)
