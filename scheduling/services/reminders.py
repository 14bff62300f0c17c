"""The reminder a day before each consultation: one per consultation, however often the beat runs."""

from datetime import datetime

from django.db import transaction

from scheduling import emails
from scheduling.models import Consultation, ConsultationEvent
from scheduling.services.booking import REMINDER_LEAD


def send_due_reminders(*, now: datetime) -> int:
    """Remind every booked consultation starting within 24 hours that has not been reminded; how many."""
    due = Consultation.objects.filter(
        status=Consultation.Status.BOOKED, reminder_sent_at__isnull=True,
        starts_at__gt=now, starts_at__lte=now + REMINDER_LEAD,
    )
    return sum(remind(pk, now=now) for pk in due.values_list("pk", flat=True))


def remind(consultation_pk: int, *, now: datetime) -> bool:
    """Claim the consultation's one reminder with a conditional UPDATE, and queue it in the same transaction.

    Two beats (or workers) racing both run the UPDATE; the database lets one of them change the row, so
    only that one queues the email.
    """
    with transaction.atomic():
        claimed = Consultation.objects.filter(
            pk=consultation_pk, status=Consultation.Status.BOOKED, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            return False
        consultation = Consultation.objects.select_related("patient", "provider", "location").get(
            pk=consultation_pk
        )
        consultation.log(ConsultationEvent.Kind.REMINDED, by=None)
        emails.send_consultation_email(consultation, emails.REMINDER)
    return True
