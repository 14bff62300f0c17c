"""Emails about consultations, through the outbox: the appointment only, never health information."""

from datetime import date

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from outbox.channels import Attachment
from outbox.services import enqueue_email
from scheduling.ics import MIMETYPE, build_ics, ics_filename, when_words, where_words
from scheduling.models import Consultation, Licence

BOOKED, RESCHEDULED, CANCELLED, REMINDER = (
    "consultation-booked", "consultation-rescheduled", "consultation-cancelled", "consultation-reminder",
)
LICENCES = "licences-expiring"
SUBJECTS = {
    BOOKED: "Your consultation is booked",
    RESCHEDULED: "Your consultation has moved",
    CANCELLED: "Your consultation is cancelled",
    REMINDER: "Reminder: your consultation tomorrow",
}


def dashboard_link() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:home")


def appointment(consultation: Consultation) -> dict:
    """What every consultation email says: who, when with its zone, where or how to join."""
    return {
        "first_name": consultation.patient.first_name,
        "provider": str(consultation.provider),
        "when": when_words(consultation),
        "where": where_words(consultation),
        "telehealth": consultation.location.is_telehealth,
        "link": dashboard_link(),
    }


def send_consultation_email(consultation: Consultation, kind: str, *, sequence: int = 0) -> None:
    """Queue one consultation email to the patient; booked and rescheduled ones carry the .ics file."""
    attachments = []
    if kind in (BOOKED, RESCHEDULED):
        ics = build_ics(consultation, sequence=sequence)
        attachments = [Attachment(filename=ics_filename(consultation), mimetype=MIMETYPE, content=ics)]
    enqueue_email(
        to=consultation.patient.email, subject=SUBJECTS[kind], template=f"scheduling/email/{kind}.txt",
        context=appointment(consultation), kind=kind, attachments=attachments,
    )


def send_licence_digest(*, admins: list[User], licences: list[Licence], today: date) -> int:
    """Queue the admins' email of licences expiring soon (providers' licences only); returns how many."""
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:home")
    for admin in admins:
        enqueue_email(
            to=admin.email, subject=f"Provider licences expiring soon ({len(licences)})",
            template="scheduling/email/licences-expiring.txt",
            context={"first_name": admin.first_name, "licences": licences, "today": today, "link": link},
            kind=LICENCES,
        )
    return len(admins)
