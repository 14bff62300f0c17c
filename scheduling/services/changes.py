"""Cancel, move and close consultations: patients up to the clinic's cut-off, staff at any time; each change
is logged on the consultation and the patient is emailed.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction

from accounts.models import User
from accounts.roles import Role
from patients.models import Intake
from scheduling import emails
from scheduling.models import Consultation, ConsultationEvent, SchedulingSettings
from scheduling.services.booking import (
    TAKEN,
    BookingRefused,
    Refusal,
    busy_reason,
    lock_booked,
    offered,
    refused,
    reminded_at,
)
from scheduling.services.slots import Choice

CLOSING = {Consultation.Status.COMPLETED, Consultation.Status.NO_SHOW}


def change_deadline(consultation: Consultation) -> datetime:
    """Until when the patient may cancel or move this consultation themselves."""
    hours = SchedulingSettings.current().patient_change_cutoff_hours
    return consultation.starts_at - timedelta(hours=hours)


def patient_may_change(consultation: Consultation, *, now: datetime) -> bool:
    return consultation.status == Consultation.Status.BOOKED and now < change_deadline(consultation)


def require_allowed(consultation: Consultation, by: User, *, now: datetime) -> None:
    """Staff may change a booked consultation at any time; its patient only before the cut-off."""
    own = by.pk == consultation.patient_id
    if by.role == Role.PATIENT and not (own and patient_may_change(consultation, now=now)):
        raise ValidationError("It is too late to change this consultation online: call the clinic.")


def cancel_consultation(
    *, consultation: Consultation, by: User, now: datetime, note: str = ""
) -> Consultation:
    """Cancel a booked consultation; the case is cleared again, ready to be booked, and the patient told."""
    with transaction.atomic():
        locked = lock_booked(consultation)
        require_allowed(locked, by, now=now)
        locked.set_status(Consultation.Status.CANCELLED, by=by, note=note.strip())
        intake = Intake.objects.select_for_update().get(pk=locked.intake_id)
        intake.set_status(Intake.Status.CLEARED, by=by, note=f"Consultation {locked.pk} cancelled")
        emails.send_consultation_email(locked, emails.CANCELLED)
    return locked


def reschedule_consultation(
    *, consultation: Consultation, choice: Choice, by: User, now: datetime
) -> Consultation:
    """Move a booked consultation to another offered slot; refused with the next free slots if it is taken."""
    try:
        with transaction.atomic():
            locked = lock_booked(consultation)
            require_allowed(locked, by, now=now)
            before = emails.when_words(locked)
            move_to(locked, offered(locked.intake, choice, now=now), now=now)
            locked.log(ConsultationEvent.Kind.RESCHEDULED, by=by, note=f"Moved from {before}")
            moves = locked.events.filter(kind=ConsultationEvent.Kind.RESCHEDULED).count()
            emails.send_consultation_email(locked, emails.RESCHEDULED, sequence=moves)
    except IntegrityError as exc:
        raise refused(consultation.intake, TAKEN, now=now) from exc
    except OperationalError as exc:
        raise BookingRefused(busy_reason(exc)) from exc
    except Refusal as refusal:
        raise refused(consultation.intake, refusal.reason, now=now) from refusal
    return locked


def move_to(consultation: Consultation, slot: object, *, now: datetime) -> None:
    consultation.provider_id, consultation.location_id = slot.provider_id, slot.location_id
    consultation.kind, consultation.time_zone = slot.kind, slot.time_zone
    consultation.starts_at, consultation.ends_at = slot.starts_at, slot.ends_at
    consultation.reminder_sent_at = reminded_at(slot.starts_at, now=now)
    consultation.save()


def close_consultation(*, consultation: Consultation, status: str, by: User, now: datetime) -> Consultation:
    """Staff record that the patient came (completed) or did not (no-show), once the start time has passed."""
    if status not in CLOSING or by.role not in (Role.CLINICIAN, Role.ADMIN):
        raise ValidationError("Only staff mark a consultation completed or missed.")
    with transaction.atomic():
        locked = lock_booked(consultation)
        if locked.starts_at > now:
            raise ValidationError("This consultation has not started yet.")
        locked.set_status(status, by=by)
    return locked
