"""One page of the intake: show it, save it, and move on (or back to the review, or to the dashboard)."""

from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import patient_required
from patients.models import Intake
from patients.services import IntakeNotEditable, clinic_today, save_step
from patients.steps import Step, get_step, steps_for
from patients.views.flow import (
    RETURN_TO_REVIEW,
    REVIEW_SLUG,
    crisis_context,
    error_links,
    next_applicable,
    own_intake,
    previous_applicable,
    resume_url,
    step_url,
)
from patients.views.medicines import ADD_MEDICINE, MEDICINES_SLUG, form_with_another_row

FINISH_LATER = "later"
TEMPLATES = {MEDICINES_SLUG: "patients/step_medicines_patient.html"}


@patient_required
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show or save one step of the patient's draft intake."""
    intake = own_intake(request, pk)
    if not intake.is_editable:
        return redirect("patients:intake-detail", pk=intake.pk)
    page = find_step(slug)
    if page.slug == REVIEW_SLUG:
        return redirect("patients:review", pk=intake.pk)
    if page.slug not in {s.slug for s in steps_for(intake.answers)}:
        following = next_applicable(intake.answers, page)
        return redirect(step_url(intake, following) if following else resume_url(intake))
    if request.method == "POST":
        return save(request, intake, page)
    return show(request, intake, page, make_form(page, None, intake))


def find_step(slug: str) -> Step:
    try:
        return get_step(slug)
    except KeyError:
        raise Http404("No such step.") from None


def make_form(page: Step, data: object, intake: Intake) -> BaseForm:
    return page.form_class(data, answers=intake.answers, today=clinic_today())


def save(request: HttpRequest, intake: Intake, page: Step) -> HttpResponse:
    if page.slug == MEDICINES_SLUG and request.POST.get("action") == ADD_MEDICINE:
        return show(request, intake, page, form_with_another_row(page, request.POST, intake, clinic_today()))
    form = make_form(page, request.POST, intake)
    if not form.is_valid():
        return show(request, intake, page, form)
    try:
        intake = save_step(intake=intake, step=page, form=form)
    except IntakeNotEditable:
        messages.info(request, "This intake has already been sent to the clinic, so it cannot be changed.")
        return redirect("patients:intake-detail", pk=intake.pk)
    if request.POST.get("action") == FINISH_LATER:
        messages.success(request, "Your answers are saved. You can come back and finish at any time.")
        return redirect("patients:dashboard")
    return redirect(after_save_url(request, intake, page))


def after_save_url(request: HttpRequest, intake: Intake, page: Step) -> str:
    if request.GET.get("return") == RETURN_TO_REVIEW:
        return resume_url(intake, back_to_review=True)
    following = next_applicable(intake.answers, page)
    return step_url(intake, following) if following else resume_url(intake)


def show(request: HttpRequest, intake: Intake, page: Step, form: BaseForm) -> HttpResponse:
    applicable = steps_for(intake.answers)
    back_to_review = request.GET.get("return") == RETURN_TO_REVIEW
    context = {
        "intake": intake,
        "step": page,
        "form": form,
        "errors": error_links([form]),
        "steps": applicable,
        "number": [s.slug for s in applicable].index(page.slug) + 1,
        "completed": set(intake.completed_steps),
        "back_url": back_url(intake, page, back_to_review=back_to_review),
        "back_to_review": back_to_review,
        "formset": getattr(form, "formset", None),
        **crisis_context(intake),
    }
    return render(request, TEMPLATES.get(page.slug, "patients/step_patient.html"), context)


def back_url(intake: Intake, page: Step, *, back_to_review: bool) -> str:
    if back_to_review:
        return reverse("patients:review", kwargs={"pk": intake.pk})
    previous = previous_applicable(intake.answers, page)
    return step_url(intake, previous) if previous else reverse("patients:dashboard")
