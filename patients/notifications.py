"""Emails about an intake's progress: a link and plain words only, never an answer, flag or outcome."""

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from outbox.services import enqueue_email
from patients.models import Intake

UPDATE_SUBJECT = "There is an update about your intake"
RESUBMITTED_SUBJECT = "A patient has sent the information you asked for"
NEW_SUBMISSION_SUBJECT = "A new intake has been sent to the clinic"
RECEIVED_AGAIN_SUBJECT = "We have received your updated answers"


def site_link(url_name: str) -> str:
    """The absolute address of a page, as emails carry it."""
    return settings.SITE_URL.rstrip("/") + reverse(url_name)


def staff_link() -> str:
    """Where a clinician's email leads: their home page, which shows the cases (no case is named)."""
    return site_link("accounts:home")


def notify_patient_of_update(intake: Intake) -> None:
    """Tell the patient there is something new to read on their dashboard."""
    enqueue_email(
        to=intake.patient.email, subject=UPDATE_SUBJECT, template="patients/email/intake_update.txt",
        context={"first_name": intake.patient.first_name, "link": site_link("patients:dashboard")},
        kind="intake-update",
    )


def confirm_resubmission(intake: Intake) -> None:
    """Tell the patient their changed answers reached the clinic."""
    enqueue_email(
        to=intake.patient.email, subject=RECEIVED_AGAIN_SUBJECT,
        template="patients/email/intake_submitted.txt",
        context={"first_name": intake.patient.first_name, "link": site_link("patients:dashboard")},
        kind="intake-resubmitted",
    )


def notify_requester_of_resubmission(*, intake: Intake, clinician: User) -> None:
    """Tell the clinician who asked for more information that the patient has sent it (case number only)."""
    enqueue_email(
        to=clinician.email, subject=RESUBMITTED_SUBJECT,
        template="patients/email/intake_resubmitted_staff.txt",
        context={"first_name": clinician.first_name, "case": intake.pk, "link": staff_link()},
        kind="intake-resubmitted-staff",
    )


def notify_on_call_of_submission(*, intake: Intake, recipients: list[User]) -> None:
    """Tell the on-call clinicians a new intake is waiting (the clinic's choice; case number only)."""
    for clinician in recipients:
        enqueue_email(
            to=clinician.email, subject=NEW_SUBMISSION_SUBJECT,
            template="patients/email/intake_submitted_staff.txt",
            context={"first_name": clinician.first_name, "case": intake.pk, "link": staff_link()},
            kind="intake-submitted-staff",
        )
