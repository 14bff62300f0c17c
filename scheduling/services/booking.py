"""Book, move and cancel consultations. The database decides every race (an exclusion constraint over the
provider's time range on PostgreSQL, unique constraints everywhere); the loser is told why, with the next
free slots, never shown an error page.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from patients.models import Intake
from scheduling import emails
from scheduling.models import Consultation, ConsultationEvent
from scheduling.services.slots import Choice, SlotGone, next_free_slots, offered_slot

NOT_CLEARED = "Only a case cleared for consultation can be booked, and this one is not (or no longer) cleared."
ALREADY_BOOKED = "This patient already has a booked consultation: move or cancel it instead."
TAKEN = "Someone else has just booked that time, or one overlapping it."
GONE = "That time is no longer offered for this case."
REMINDER_LEAD = timedelta(hours=24)


class BookingRefused(Exception):
    """A booking or move the clinic cannot make, with the reason in words and the next free slots."""

    def __init__(self, reason: str, *, next_slots: list | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.next_slots = next_slots or []


class Refusal(Exception):
    """Why a booking stops inside its transaction (turned into a BookingRefused once rolled back)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def book_consultation(*, intake: Intake, choice: Choice, by: User, now: datetime) -> Consultation:
    """Book the chosen offered slot for a cleared intake and move the intake to "consultation booked"."""
    try:
        with transaction.atomic():
            locked = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
            if locked.status != Intake.Status.CLEARED:
                raise Refusal(NOT_CLEARED)
            consultation = create_consultation(locked, offered(locked, choice, now=now), by=by, now=now)
            consultation.log(ConsultationEvent.Kind.BOOKED, by=by)
            locked.set_status(Intake.Status.CONSULTATION_BOOKED, by=by, note=f"Consultation {consultation.pk}")
            emails.send_consultation_email(consultation, emails.BOOKED)
    except IntegrityError as exc:
        raise refused(intake, race_reason(exc), now=now) from exc
    except Refusal as refusal:
        raise refused(intake, refusal.reason, now=now) from refusal
    return consultation


def offered(intake: Intake, choice: Choice, *, now: datetime) -> object:
    """The slot the user chose, re-checked against what is offered now (eligibility included)."""
    try:
        return offered_slot(intake, choice, now=now)
    except SlotGone as exc:
        raise Refusal(GONE) from exc


def create_consultation(intake: Intake, slot: object, *, by: User, now: datetime) -> Consultation:
    consultation = Consultation(
        intake=intake, patient=intake.patient, provider=slot.provider, location=slot.location,
        kind=slot.location.kind, starts_at=slot.starts_at, ends_at=slot.ends_at, time_zone=slot.time_zone,
        created_by=by, created_at=now, reminder_sent_at=reminded_at(slot.starts_at, now=now),
    )
    consultation.save()
    return consultation


def reminded_at(starts_at: datetime, *, now: datetime) -> datetime | None:
    """A consultation booked less than a day ahead needs no reminder: the confirmation is one."""
    return now if starts_at - now <= REMINDER_LEAD else None


def race_reason(exc: IntegrityError) -> str:
    """Which constraint refused the row: the patient's one booking, or the provider's time."""
    text = str(exc)
    return ALREADY_BOOKED if "per_patient" in text or "consultation.patient_id" in text else TAKEN


def refused(intake: Intake, reason: str, *, now: datetime) -> BookingRefused:
    """The refusal with the next free slots, read after the failed transaction is rolled back."""
    intake.refresh_from_db()
    bookable = intake.status in (Intake.Status.CLEARED, Intake.Status.CONSULTATION_BOOKED)
    slots = next_free_slots(intake, now=now) if bookable else []
    return BookingRefused(reason, next_slots=slots)


def lock_booked(consultation: Consultation) -> Consultation:
    """The consultation, locked for this transaction; refused unless it is still booked."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status != Consultation.Status.BOOKED:
        raise ValidationError(f"This consultation is {locked.get_status_display().lower()}, not booked.")
    return locked

