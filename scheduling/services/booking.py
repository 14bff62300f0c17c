"""Book, move and cancel consultations. The database decides every race (an exclusion constraint over the
provider's time range on PostgreSQL, unique constraints everywhere); the loser is told why, with the next
free slots, never shown an error page.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction

from accounts.models import User
from accounts.roles import Role
from patients.models import Intake
from scheduling import emails
from scheduling.models import Consultation, ConsultationEvent, SchedulingSettings
from scheduling.services.slots import Choice, SlotGone, next_free_slots, offered_slot

NOT_CLEARED = "Only a case cleared for consultation can be booked, and this one is not (or no longer)."
ALREADY_BOOKED = "This patient already has a booked consultation: move or cancel it instead."
TAKEN = "Someone else has just booked that time, or one overlapping it."
GONE = "That time is no longer offered for this case."
BUSY = "Someone else was booking at the same moment, so nothing was booked. Choose a time again."
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
    require_booker(intake, by)
    try:
        with transaction.atomic():
            locked = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
            if locked.status != Intake.Status.CLEARED:
                raise Refusal(NOT_CLEARED)
            consultation = create_consultation(locked, offered(locked, choice, now=now), by=by, now=now)
            consultation.log(ConsultationEvent.Kind.BOOKED, by=by)
            note = f"Consultation {consultation.pk}"
            locked.set_status(Intake.Status.CONSULTATION_BOOKED, by=by, note=note)
            emails.send_consultation_email(consultation, emails.BOOKED)
    except IntegrityError as exc:
        raise refused(intake, race_reason(exc), now=now) from exc
    except OperationalError as exc:
        raise BookingRefused(busy_reason(exc)) from exc  # the next slots cannot be read while it is locked
    except Refusal as refusal:
        raise refused(intake, refusal.reason, now=now) from refusal
    return consultation


def require_booker(intake: Intake, by: User) -> None:
    """A clinician books any case; a patient only their own, and only when the clinic lets patients book."""
    if by.is_active and by.role == Role.CLINICIAN:
        return
    own = by.role == Role.PATIENT and by.pk == intake.patient_id
    if not (own and SchedulingSettings.current().patient_self_booking):
        raise PermissionDenied("Only a clinician, or the patient when the clinic allows it, books a case.")


def offered(intake: Intake, choice: Choice, *, now: datetime) -> object:
    """The slot the user chose, re-checked against what is offered now (eligibility included)."""
    try:
        return offered_slot(intake, choice, now=now)
    except SlotGone as exc:
        raise Refusal(GONE) from exc


def create_consultation(intake: Intake, slot: object, *, by: User, now: datetime) -> Consultation:
    consultation = Consultation(
        intake=intake, patient=intake.patient, provider_id=slot.provider_id, location_id=slot.location_id,
        kind=slot.kind, starts_at=slot.starts_at, ends_at=slot.ends_at, time_zone=slot.time_zone,
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


def busy_reason(exc: OperationalError) -> str:
    """SQLite lets one writer at a time: a booking meeting another one's lock is refused, not an error."""
    if connection.vendor == "sqlite" and "locked" in str(exc):
        return BUSY
    raise exc


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

