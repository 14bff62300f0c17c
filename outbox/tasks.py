"""Delivery tasks: each may talk to the mail server, so each has soft and hard time limits (settings)."""

from celery import shared_task
from django.conf import settings

from outbox import services

LIMITS = {
    "acks_late": True,
    "soft_time_limit": settings.OUTBOX_SOFT_TIME_LIMIT,
    "time_limit": settings.OUTBOX_HARD_TIME_LIMIT,
}


@shared_task(**LIMITS)
def deliver_messages(message_pks: list[int]) -> int:
    """Deliver the messages one request or transaction queued; safe to run twice. Returns how many went."""
    return services.deliver_batch(message_pks)


@shared_task(**LIMITS)
def deliver_message(message_pk: int) -> bool:
    """Deliver one outbox message; safe to run twice."""
    return services.deliver(message_pk)


@shared_task(**LIMITS)
def dispatch_outbox(queue: str | None = None) -> int:
    """Deliver what is still pending on one queue, e.g. after a broker outage; beat runs it on each queue."""
    return services.dispatch_due(queue=queue)
