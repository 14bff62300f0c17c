"""Intake workflow for patients: start or resume a draft, save a step, submit exactly once, and the
more-information loop: the clinic reopens steps with a message, the patient changes them and sends again."""

import hashlib
import json
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from outbox.services import enqueue_email
from patients import notifications
from patients.document import build_document
from patients.models import REVIEW_STEP, Intake, PatientMessage
from patients.steps import Step, clear_inapplicable, get_step, needs_crisis_help, steps_for
from screening.medications import MedicationMatcher
from screening.models import Reason
from screening.services import (
    get_clinic_settings,
    get_matcher,
    new_findings,
    raise_draft_crisis_alert,
    screen_intake,
    urgent_findings,
)
from screening.services.clinic import on_call_clinicians


class IntakeNotEditable(ValidationError):
    """The intake has left the draft stage; its answers are frozen (except the steps the clinic reopened)."""


class IntakeAlreadyOpen(ValidationError):
    """The patient already has an intake with the clinic; a second one would split the case."""


class StaleReview(ValidationError):
    """The answers changed (another window) after the patient opened the page they signed."""


class IncompleteIntake(ValidationError):
    """Some steps that apply to this intake have not been completed yet."""

    def __init__(self, missing: list[Step]) -> None:
        self.missing = missing
        super().__init__("Please finish every part of the form before you submit it.")


def clinic_today() -> date:
    """Today in the clinic's time zone (settings.TIME_ZONE): it decides ages and how old a reading is."""
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


def has_open_case(*, patient: User) -> bool:
    """Whether the clinic is still working on one of the patient's sent intakes."""
    return Intake.objects.filter(patient=patient).active_cases().exists()


def start_or_resume_intake(*, patient: User) -> Intake:
    """Return the patient's draft intake, creating it if there is none and no sent intake is open."""
    draft = Intake.objects.filter(patient=patient, status=Intake.Status.DRAFT).first()
    if draft is not None:
        return draft
    if has_open_case(patient=patient):
        raise IntakeAlreadyOpen("The clinic is still looking at the intake you sent.")
    try:
        with transaction.atomic():
            intake = Intake(patient=patient)
            intake.full_clean()
            intake.save()
            return intake
    except (IntegrityError, ValidationError):
        # Another request (second tab, double click) created the draft first: use theirs.
        return Intake.objects.get(patient=patient, status=Intake.Status.DRAFT)


def unfinished_steps(*, intake: Intake) -> list[Step]:
    """The steps that apply to this intake's answers and are not yet completed, in order."""
    done = set(intake.completed_steps)
    return [step for step in steps_for(intake.answers) if step.slug not in done]


def save_step(*, intake: Intake, step: Step, form: BaseForm) -> Intake:
    """Merge one valid step's answers into the draft and mark the step done; invalid input changes nothing.

    A page whose answers make an urgent rule fire (or fire on a new reading) alerts the on-call clinician.
    """
    if not form.is_valid():
        raise ValidationError("The answers on this page are not valid.")
    with transaction.atomic():
        locked = Intake.objects.select_for_update().get(pk=intake.pk)
        if not locked.can_edit_step(step.slug):
            raise IntakeNotEditable("This intake has been submitted and can no longer be changed.")
        answers_before = locked.answers
        _merge_page(locked, step, form.cleaned_answers())
        if locked.awaiting_more_information:
            _reopen_new_steps(locked)
        # The form validated the page; the database holds the constraints (one draft per patient).
        locked.save(update_fields=PAGE_FIELDS)
        found = newly_urgent(answers_before, locked.answers)
        if found:
            # The clinic must not wait for a submission that may never come.
            raise_draft_crisis_alert(intake=locked, findings=found)
    return locked


def newly_urgent(before: dict, after: dict) -> dict:
    """The urgent findings that answers `after` have and `before` did not (or with other evidence).

    Answers that did not change make nothing fire anew, so no document is built for them.
    """
    if after == before:
        return {}
    matcher = get_matcher()
    return new_findings(
        draft_urgent_findings(before, matcher=matcher), draft_urgent_findings(after, matcher=matcher)
    )


def draft_urgent_findings(answers: dict, *, matcher: MedicationMatcher | None = None) -> dict:
    """The urgent rules that a draft's answers already make fire, read from the document they would make."""
    return urgent_findings(build_document(answers, clinic_today()), matcher=matcher)


# What saving a page changes on the intake (written in one UPDATE).
PAGE_FIELDS = [
    "answers", "unsaved_pages", "completed_steps", "reopened_steps", "crisis_shown_at", "updated_at",
]
# What sending it freezes, written with its new status.
FROZEN_FIELDS = [
    *PAGE_FIELDS, "document", "consent_signature", "consent_signed_at", "submitted_at", "current_outcome",
    "outcome_rank",
]


def _merge_page(intake: Intake, step: Step, page_answers: dict) -> None:
    intake.answers = clear_inapplicable({**intake.answers, **page_answers})
    intake.unsaved_pages = {slug: typed for slug, typed in intake.unsaved_pages.items() if slug != step.slug}
    # A step that an answer now skips has lost its answers, so it must be asked again if it applies later.
    applicable = {each.slug for each in steps_for(intake.answers)}
    done = [*intake.completed_steps, *([] if step.slug in intake.completed_steps else [step.slug])]
    intake.completed_steps = [slug for slug in done if slug in applicable]
    if intake.crisis_shown_at is None and needs_crisis_help(intake.answers):
        intake.crisis_shown_at = timezone.now()


def _reopen_new_steps(intake: Intake) -> None:
    # A changed answer can make a step apply that was never asked: the patient must be able to answer it.
    new = [step.slug for step in unfinished_steps(intake=intake) if step.slug != REVIEW_STEP]
    intake.reopened_steps = [*intake.reopened_steps, *(s for s in new if s not in intake.reopened_steps)]


MAX_UNSAVED_PAGE_CHARS = 50_000


def keep_unsaved_page(
    *, intake: Intake, step: Step, typed: dict[str, list[str]], valid: dict | None = None
) -> Intake:
    """Keep what was typed on a page that still has errors, so "finish later" never loses it.

    `valid` holds the page's answers that passed their checks: an urgent one among them (a reading in the
    crisis range beside a question left blank) alerts on call now, as a saved page would.
    """
    if len(json.dumps(typed)) > MAX_UNSAVED_PAGE_CHARS:
        raise ValidationError("This page holds more text than we can keep.")
    with transaction.atomic():
        locked = Intake.objects.select_for_update().get(pk=intake.pk)
        if not locked.can_edit_step(step.slug):
            raise IntakeNotEditable("This intake has been submitted and can no longer be changed.")
        locked.unsaved_pages = {**locked.unsaved_pages, step.slug: without_nul(typed)}
        locked.save(update_fields=["unsaved_pages", "updated_at"])
        found = newly_urgent(locked.answers, {**locked.answers, **(valid or {})})
        if found:
            raise_draft_crisis_alert(intake=locked, findings=found)
    return locked


def without_nul(typed: dict[str, list[str]]) -> dict[str, list[str]]:
    """`typed` without NUL characters, which PostgreSQL refuses in JSON (no keyboard types one)."""
    return {
        key.replace("\0", ""): [value.replace("\0", "") for value in values] for key, values in typed.items()
    }


def answers_digest(answers: dict) -> str:
    """A fingerprint of the answers a patient reviews (consent left out), to detect changes elsewhere."""
    consent = get_step(REVIEW_STEP).form_class.answer_names()
    reviewed = {k: v for k, v in clear_inapplicable(answers).items() if k not in consent}
    return hashlib.sha256(json.dumps(reviewed, sort_keys=True, default=str).encode()).hexdigest()


def submit_intake(
    *, intake_id: int, patient: User, signature: str, reviewed_digest: str | None = None,
    page: BaseForm | None = None,
) -> Intake:
    """Submit a complete draft once: freeze, screen, sign, email; a repeated submit returns it unchanged.

    `page` is the review page's valid form (consent and signature), saved with the submission; if the
    intake cannot be sent it is saved alone, then the refusal is raised. With `reviewed_digest`, answers
    that changed since the patient's review page was drawn are refused.
    """
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake_id, patient=patient)
        if not intake.is_editable:
            return intake
        intake.patient = patient  # the same row: the confirmation email needs no second look-up
        if page is not None:
            _merge_page(intake, get_step(REVIEW_STEP), page.cleaned_answers())
        refusal = sending_refusal(intake, signature=signature, reviewed_digest=reviewed_digest)
        if refusal is None:
            _send(intake, patient=patient, signature=signature.strip())
        elif page is not None:
            intake.save(update_fields=PAGE_FIELDS)
    if refusal is not None:
        raise refusal
    return intake


def _send(intake: Intake, *, patient: User, signature: str) -> None:
    _freeze(intake, signature=signature)
    screen_intake(intake=intake, reason=Reason.SUBMITTED, caller_saves_intake=True, first=True)
    intake.set_status(Intake.Status.SUBMITTED, by=patient, fields=FROZEN_FIELDS)
    _enqueue_confirmation(intake)
    _notify_on_call(intake)


def sending_refusal(intake: Intake, *, signature: str, reviewed_digest: str | None) -> ValidationError | None:
    """Why the intake cannot be sent as it stands (changed elsewhere, unfinished, unsigned), or None."""
    try:
        _check_sendable(intake, signature=signature, reviewed_digest=reviewed_digest)
    except ValidationError as refusal:
        return refusal
    return None


def _check_sendable(intake: Intake, *, signature: str, reviewed_digest: str | None) -> None:
    if reviewed_digest is not None and reviewed_digest != answers_digest(intake.answers):
        raise StaleReview("Your answers changed after you opened this page.")
    missing = unfinished_steps(intake=intake)
    if missing:
        raise IncompleteIntake(missing)
    if not signature.strip():
        raise ValidationError({"signature": "Type your full name to sign."})


def _notify_on_call(intake: Intake) -> None:
    clinic = get_clinic_settings()
    if clinic.notify_on_call_of_submissions:
        everyone = User.objects.filter(role=Role.CLINICIAN, is_active=True).order_by("email")
        recipients = on_call_clinicians(clinic) or list(everyone)
        notifications.notify_on_call_of_submission(intake=intake, recipients=recipients)


def _freeze(intake: Intake, *, signature: str) -> None:
    """Build the document the clinic screens and sign it; screen_intake checks it next, the caller saves."""
    now = timezone.now()
    intake.document = build_document(dict(intake.answers), clinic_today())
    intake.unsaved_pages = {}
    intake.consent_signature = signature
    intake.consent_signed_at = now
    intake.submitted_at = now
    # Validated once: the forms checked every answer, screen_intake (check_document) the document.


def _enqueue_confirmation(intake: Intake) -> None:
    # First name and a link only: an email is not a safe place for health information.
    enqueue_email(
        to=intake.patient.email,
        subject="We have received your intake form",
        template="patients/email/intake_submitted.txt",
        context={
            "first_name": intake.patient.first_name,
            "link": settings.SITE_URL.rstrip("/") + reverse("patients:dashboard"),
        },
        kind="intake-submitted",
    )


def post_patient_message(*, intake: Intake, kind: str, body: str, by: User) -> PatientMessage:
    """Show the patient a message from the clinic on their dashboard and email them to sign in and read it."""
    if not by.is_clinician:
        raise PermissionDenied("Only a clinician writes to a patient about their intake.")
    message = PatientMessage(intake=intake, kind=kind, body=body.strip(), created_by=by)
    message.full_clean()
    message.save()
    notifications.notify_patient_of_update(intake)
    return message


def reopen_for_more_information(*, intake: Intake, steps: list[str], message: str, by: User) -> Intake:
    """Let the patient change only these steps, tell them why, and wait for them to send the intake again."""
    if not message.strip():
        raise ValidationError({"message": "Write what the patient should change or add."})
    with transaction.atomic():
        locked = Intake.objects.select_for_update().get(pk=intake.pk)
        chosen = reopenable(locked, steps)
        locked.set_status(Intake.Status.MORE_INFO_REQUESTED, by=by, note="Reopened: " + ", ".join(chosen))
        locked.reopened_steps = chosen
        locked.answers_at_request = dict(locked.answers)
        # The patient opens and saves each reopened step again before the intake can be sent.
        locked.completed_steps = [slug for slug in locked.completed_steps if slug not in chosen]
        locked.save(update_fields=["reopened_steps", "answers_at_request", "completed_steps", "updated_at"])
        post_patient_message(intake=locked, kind=PatientMessage.Kind.MORE_INFO, body=message, by=by)
    return locked


def reopenable(intake: Intake, steps: list[str]) -> list[str]:
    """The chosen steps in form order; refuses none, or one that does not apply or cannot be reopened."""
    allowed = [step.slug for step in steps_for(intake.answers) if step.slug != REVIEW_STEP]
    unknown = sorted(set(steps) - set(allowed))
    if not steps or unknown:
        raise ValidationError({"steps": "Choose the parts of the form the patient should look at again."})
    return [slug for slug in allowed if slug in steps]


def resubmit_intake(
    *, intake_id: int, patient: User, signature: str, reviewed_digest: str | None = None
) -> Intake:
    """Send the intake again after the clinic asked for more: freeze, re-screen, mark what changed, notify.

    A repeated send returns it unchanged.
    """
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake_id, patient=patient)
        if not intake.awaiting_more_information:
            return intake
        _check_sendable(intake, signature=signature, reviewed_digest=reviewed_digest)
        intake.changed_answers = changed_answers(intake.answers_at_request, intake.answers)
        intake.reopened_steps, intake.answers_at_request = [], {}
        _freeze(intake, signature=signature.strip())
        screen_intake(intake=intake, reason=Reason.ANSWERS_CHANGED, caller_saves_intake=True)
        note = f"Sent again: {len(intake.changed_answers)} answers changed"
        intake.set_status(
            Intake.Status.SUBMITTED, by=patient, note=note,
            fields=[*FROZEN_FIELDS, "changed_answers", "reopened_steps", "answers_at_request"],
        )
        notifications.confirm_resubmission(intake)
        requester = more_information_requester(intake)
        if requester is not None:
            notifications.notify_requester_of_resubmission(intake=intake, clinician=requester)
    return intake


def changed_answers(before: dict, after: dict) -> list[str]:
    """The names of the answers added, removed or changed, leaving out the signature and consent."""
    consent = set(get_step(REVIEW_STEP).form_class.answer_names())
    names = (set(before) | set(after)) - consent
    return sorted(name for name in names if before.get(name) != after.get(name))


def more_information_requester(intake: Intake) -> User | None:
    """The clinician who last asked this patient for more information (they hold the case)."""
    latest = intake.messages.filter(kind=PatientMessage.Kind.MORE_INFO).select_related("created_by").first()
    return latest.created_by if latest is not None else None
