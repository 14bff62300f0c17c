"""One page of the intake: show it, save it, and move on (or back to the review, or to the dashboard)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import patient_required
from accounts.expiry import keeps_post_after_sign_out
from patients.models import Intake
from patients.services import IntakeNotEditable, clinic_today, keep_unsaved_page, save_step
from patients.steps import Step, get_step, steps_for
from patients.views.expired import restore_kept_post
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
from patients.views.heart import HEART_SLUG, bp_warning_context
from patients.views.medicines import ADD_MEDICINE, MEDICINES_SLUG, form_with_another_row, medicine_error_links

FINISH_LATER = "later"
MAX_PROBLEMS_LISTED = 3
IGNORED_KEYS = {"csrfmiddlewaretoken", "action"}
TEMPLATES = {MEDICINES_SLUG: "patients/step_medicines_patient.html"}


@keeps_post_after_sign_out
@patient_required
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show or save one step of the patient's draft, or a step the clinic reopened for more information."""
    intake = own_intake(request, pk)
    if not intake.takes_answers:
        return redirect("patients:intake-detail", pk=intake.pk)
    page = find_step(slug)
    if page.slug == REVIEW_SLUG or not intake.can_edit_step(page.slug):
        return redirect("patients:review", pk=intake.pk)
    if page.slug not in {s.slug for s in steps_for(intake.answers)}:
        following = next_applicable(intake.answers, page)
        return redirect(step_url(intake, following) if following else resume_url(intake))
    if request.method == "POST":
        return save(request, intake, page)
    intake = restore_kept_post(request, intake, page)
    typed = unsaved_data(intake, page)
    return show(request, intake, page, make_form(page, typed, intake, resumed=typed is not None))


def unsaved_data(intake: Intake, page: Step) -> QueryDict | None:
    """What the patient typed on this page before leaving it with errors, to show again."""
    typed = intake.unsaved_pages.get(page.slug)
    if not typed:
        return None
    data = QueryDict(mutable=True)
    for key, values in typed.items():
        data.setlist(key, values)
    return data


def find_step(slug: str) -> Step:
    try:
        return get_step(slug)
    except KeyError:
        raise Http404("No such step.") from None


def make_form(page: Step, data: object, intake: Intake, *, resumed: bool = False) -> BaseForm:
    answers = {**names_from_account(intake), **intake.answers}
    return page.form_class(data, answers=answers, today=clinic_today(), resumed=resumed)


def names_from_account(intake: Intake) -> dict[str, str]:
    """The names typed at registration, which fill step 1 until the patient saves their own."""
    patient = intake.patient
    names = {"first_name": patient.first_name, "last_name": patient.last_name}
    return {key: value for key, value in names.items() if value}


def save(request: HttpRequest, intake: Intake, page: Step) -> HttpResponse:
    if page.slug == MEDICINES_SLUG and request.POST.get("action") == ADD_MEDICINE:
        return show(request, intake, page, form_with_another_row(page, request.POST, intake, clinic_today()))
    form = make_form(page, request.POST, intake)
    if not form.is_valid():
        if request.POST.get("action") == FINISH_LATER:
            return finish_later_with_errors(request, intake, page, form)
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


def finish_later_with_errors(
    request: HttpRequest, intake: Intake, page: Step, form: BaseForm
) -> HttpResponse:
    """Keep what was typed (never a question sent with two answers), and say what is kept and what is not."""
    refused = set(form.refused_keys())
    left_out = IGNORED_KEYS | refused
    typed = {key: request.POST.getlist(key) for key in request.POST if key not in left_out}
    try:
        keep_unsaved_page(intake=intake, step=page, typed=typed, valid=form.posted_answers())
    except IntakeNotEditable:
        return redirect("patients:intake-detail", pk=intake.pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return show(request, intake, page, form)
    messages.warning(request, kept_message(page, form))
    return redirect("patients:dashboard")


def kept_message(page: Step, form: BaseForm) -> str:
    """Exactly what "Save and finish later" kept of a page with errors, and what it still needs."""
    problems = form.problems()
    shown = "; ".join(problems[:MAX_PROBLEMS_LISTED])
    more = len(problems) - MAX_PROBLEMS_LISTED
    refused = (" Answers sent more than once to one question were not kept."
               if any(form.refused_keys()) else "")
    return (
        f"We kept what you typed on \u201c{page.title}\u201d, but the page is not finished, so none of it "
        f"counts as answered yet. Still to do: {shown}{f'; and {more} more' if more > 0 else ''}.{refused} "
        "When you come back, the page opens with what you typed."
    )


def after_save_url(request: HttpRequest, intake: Intake, page: Step) -> str:
    if not intake.is_editable:
        # While the clinic asks for more: the next reopened step not saved yet, then sending again.
        return resume_url(intake)
    if request.GET.get("return") == RETURN_TO_REVIEW:
        return resume_url(intake, back_to_review=True)
    following = next_applicable(intake.answers, page)
    return step_url(intake, following) if following else resume_url(intake)


def show(request: HttpRequest, intake: Intake, page: Step, form: BaseForm) -> HttpResponse:
    applicable = steps_for(intake.answers)
    back_to_review = request.GET.get("return") == RETURN_TO_REVIEW
    posted = form.posted_readings() if form.is_bound else None
    context = {
        "intake": intake,
        "step": page,
        "form": form,
        "errors": medicine_error_links(form) if page.slug == MEDICINES_SLUG else error_links([form]),
        "steps": applicable,
        "number": [s.slug for s in applicable].index(page.slug) + 1,
        "completed": set(intake.completed_steps),
        "locked": {s.slug for s in applicable if not intake.can_edit_step(s.slug)},
        "back_url": back_url(intake, page, back_to_review=back_to_review),
        "back_to_review": back_to_review,
        "resumed": getattr(form, "resumed", False),
        "formset": getattr(form, "formset", None),
        **crisis_context(intake, posted=posted),
        **(bp_warning_context(intake, posted=posted) if page.slug == HEART_SLUG else {}),
    }
    return render(request, TEMPLATES.get(page.slug, "patients/step_patient.html"), context)


def back_url(intake: Intake, page: Step, *, back_to_review: bool) -> str:
    if back_to_review or not intake.is_editable:
        return reverse("patients:review", kwargs={"pk": intake.pk})
    previous = previous_applicable(intake.answers, page)
    return step_url(intake, previous) if previous else reverse("patients:dashboard")
