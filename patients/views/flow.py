"""Shared page logic of the intake flow: finding the patient's intake, where to go next, crisis help."""

from collections.abc import Iterable

from django.forms import BaseForm, BoundField
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from patients.models import Intake
from patients.steps import STEPS, Step, first_unfinished, needs_crisis_help, steps_for
from screening.services import get_crisis_text

RETURN_TO_REVIEW = "review"
REVIEW_SLUG = "review"  # the registry's last step (consent and signature) lives on the review page


def own_intake(request: HttpRequest, pk: int) -> Intake:
    """The signed-in user's intake `pk`; anyone else's is a 404."""
    intake = get_object_or_404(Intake.objects.for_user(request.user), pk=pk)
    if intake.patient_id == request.user.pk:
        intake.patient = request.user  # the signed-in patient, already read: no second look-up of the row
    return intake


def own_draft(request: HttpRequest, pk: int) -> Intake:
    """The signed-in patient's draft intake `pk` (404 for another patient's)."""
    intake = own_intake(request, pk)
    if not intake.is_editable:
        raise Http404("This intake has been submitted.")
    return intake


def step_url(intake: Intake, step: Step, *, back_to_review: bool = False) -> str:
    """The page of `step`; with `back_to_review`, saving it returns to the review page."""
    if step.slug == REVIEW_SLUG:
        return reverse("patients:review", kwargs={"pk": intake.pk})
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": step.slug})
    return f"{url}?return={RETURN_TO_REVIEW}" if back_to_review else url


def resume_url(intake: Intake, *, back_to_review: bool = False) -> str:
    """The first unfinished step of a draft, or its review page when every step is done."""
    step = first_unfinished(intake.answers, intake.completed_steps)
    if step is None:
        return reverse("patients:review", kwargs={"pk": intake.pk})
    return step_url(intake, step, back_to_review=back_to_review)


def next_applicable(answers: dict, after: Step) -> Step | None:
    """The first step after `after` (in the registry's order) that applies to `answers`."""
    applicable = {step.slug for step in steps_for(answers)}
    later = list(STEPS)[[step.slug for step in STEPS].index(after.slug) + 1 :]
    return next((step for step in later if step.slug in applicable), None)


def previous_applicable(answers: dict, before: Step) -> Step | None:
    """The applicable step just before `before`, or None on the first page."""
    applicable = list(steps_for(answers))
    slugs = [step.slug for step in applicable]
    index = slugs.index(before.slug) if before.slug in slugs else 0
    return applicable[index - 1] if index > 0 else None


def crisis_context(
    intake: Intake | None, *, urgent: bool = False, posted: list[dict] | None = None
) -> dict:
    """Whether to show crisis resources (from the first signal until the intake ends) and their text.

    `posted` holds readings of a page sent back with errors: a positive answer in any of them shows
    help on that very page load, even though the page was not saved.
    """
    shown = urgent or (
        intake is not None
        and intake.takes_answers
        and (
            intake.crisis_shown_at is not None
            or needs_crisis_help(intake.answers)
            or any(needs_crisis_help(reading) for reading in posted or [])
        )
    )
    return {"show_crisis": shown, "crisis_text": get_crisis_text()}


def error_links(forms: Iterable[BaseForm]) -> list[tuple[str, str]]:
    """(field id, message) for every error, in page order, for the error summary's links."""
    links: list[tuple[str, str]] = []
    for form in forms:
        first_id = next((field_anchor(field) for field in form), "")
        links += [(first_id, str(message)) for message in form.non_field_errors()]
        for field in form:
            links += [(field_anchor(field), str(message)) for message in field.errors]
    return links


def field_anchor(field: BoundField) -> str:
    # Radio and checkbox groups have no single labelled input: link to the first option.
    return field.id_for_label or f"{field.auto_id}_0"


def answer_groups(intake: Intake, *, with_links: bool) -> list[dict]:
    """Each applicable step's answers in words, with a one-line summary, for the review and the sent copy."""
    groups = []
    for step in steps_for(intake.answers):
        if step.slug == REVIEW_SLUG:
            continue
        rows = step.form_class.review_rows(intake.answers)
        done = step.slug in intake.completed_steps or not intake.is_editable
        groups.append({
            "step": step, "rows": rows, "done": done, "summary": group_summary(len(rows), done),
            "change_url": step_url(intake, step, back_to_review=True) if with_links else "",
        })
    return groups


def group_summary(answered: int, done: bool) -> str:
    """The line under a collapsed section's title: how many answers it holds, and whether it is finished."""
    if not answered:
        return "Not answered yet"
    count = f"{answered} answer{'s' if answered != 1 else ''}"
    return count if done else f"Not finished: {count} so far"
