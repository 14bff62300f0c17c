"""Screening tasks: thin, idempotent, by id; the work is in screening.services."""

from celery import shared_task
from django.utils import timezone

from screening import services
from screening.models import Reason


@shared_task(acks_late=True)
def rescreen_outdated(batch_size: int = 200, after_pk: int = 0) -> int:
    """Screen one batch of active intakes not yet screened by this ruleset and dictionary, then the next."""
    batch = list(
        services.outdated_intakes().filter(pk__gt=after_pk).values_list("pk", flat=True)[:batch_size]
    )
    services.rescreen_intakes(intake_ids=batch)
    if len(batch) == batch_size:
        # Continue after the last id, so an intake that cannot be screened never stalls the run.
        rescreen_outdated.delay(batch_size=batch_size, after_pk=batch[-1])
    return len(batch)


@shared_task(acks_late=True)
def rescreen_intake(intake_id: int, reason: str = Reason.MANUAL) -> bool:
    """Screen one open intake again; returns whether its result changed (running twice stores nothing new)."""
    return bool(services.rescreen_intakes(intake_ids=[intake_id], reason=reason))


@shared_task(acks_late=True)
def count_open_cases() -> int:
    """Count every rule's open cases for the catalogue page (beat, each minute); running twice is harmless."""
    return services.count_open_cases(now=timezone.now())


@shared_task(acks_late=True)
def escalate_overdue_alerts() -> int:
    """Alert every clinician and admin about crisis alerts nobody acknowledged in time."""
    return services.escalate_overdue_alerts(now=timezone.now())
