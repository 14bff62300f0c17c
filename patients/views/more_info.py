"""Sending an intake again after the clinic asked for more: check the reopened answers, sign, send."""

import logging

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from patients.models import REVIEW_STEP, Intake, PatientMessage
from patients.services import (
    IncompleteIntake,
    IntakeNotEditable,
    StaleReview,
    answers_digest,
    resubmit_intake,
    save_step,
)
from patients.steps import get_step, steps_for
from patients.views.flow import answer_groups, crisis_context, error_links, step_url
from screening.document import InvalidDocument

logger = logging.getLogger(__name__)
CHANGED_ELSEWHERE = (
    "Your answers changed after you opened this page, perhaps in another window. Check them below, then send "
    "them again."
)
COULD_NOT_CHECK = (
    "We could not check some of your answers, so they have not been sent. Your answers are saved. Please "
    "look through them below and try again, or contact the clinic."
)


def show(request: HttpRequest, intake: Intake, form: BaseForm) -> HttpResponse:
    """Every answer, with Change links only on the steps the clinic reopened, then the signature."""
    applicable = steps_for(intake.answers)
    done = set(intake.completed_steps)
    missing = [step for step in applicable if step.slug != REVIEW_STEP and step.slug not in done]
    groups = answer_groups(intake, with_links=True)
    for group in groups:
        group["change_url"] = group["change_url"] if intake.can_edit_step(group["step"].slug) else ""
    context = {
        "intake": intake,
        "request_message": intake.messages.filter(kind=PatientMessage.Kind.MORE_INFO).first(),
        "reopened": [step for step in applicable if step.slug in intake.reopened_steps],
        "groups": groups,
        "missing": [(step, step_url(intake, step)) for step in missing],
        "form": form,
        "errors": error_links([form]) if form.is_bound else [],
        "reviewed_digest": answers_digest(intake.answers),
        **crisis_context(intake),
    }
    return render(request, "patients/resend_patient.html", context)


def send_again(request: HttpRequest, intake: Intake, form: BaseForm) -> HttpResponse:
    """Sign and send the changed answers; a repeated send lands on the same confirmation."""
    if not form.is_valid():
        return show(request, intake, form)
    try:
        intake = save_step(intake=intake, step=get_step(REVIEW_STEP), form=form)
        intake = resubmit_intake(
            intake_id=intake.pk, patient=request.user, signature=form.cleaned_data["consent_signature"],
            reviewed_digest=request.POST.get("reviewed_digest"),
        )
    except IntakeNotEditable:
        return redirect("patients:confirmation", pk=intake.pk)
    except IncompleteIntake:
        messages.error(request, "Some of the questions the clinic reopened are not answered yet.")
        return redirect("patients:review", pk=intake.pk)
    except StaleReview:
        messages.warning(request, CHANGED_ELSEWHERE)
        return redirect("patients:review", pk=intake.pk)
    except InvalidDocument as error:
        logger.error("intake %s could not be sent again: %s", intake.pk, error.errors)
        messages.error(request, COULD_NOT_CHECK)
        return redirect("patients:review", pk=intake.pk)
    return redirect("patients:confirmation", pk=intake.pk)
