"""Review tasks: thin, idempotent; the work is in review.services."""

from celery import shared_task
from django.utils import timezone

from review import services


@shared_task(acks_late=True)
def send_review_digest() -> int:
    """Email the clinicians the day's waiting and overdue counts (once a day each, whatever the retries)."""
    return services.send_review_digest(now=timezone.now())
