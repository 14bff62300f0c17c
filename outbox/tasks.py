from celery import shared_task

from outbox import services


@shared_task(acks_late=True)
def deliver_message(message_pk: int) -> bool:
    """Deliver one outbox message; safe to run twice."""
    return services.deliver(message_pk)


@shared_task(acks_late=True)
def dispatch_outbox() -> int:
    """Deliver everything still pending, e.g. after a broker outage."""
    return services.dispatch_due()
