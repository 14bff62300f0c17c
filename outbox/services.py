"""Record notifications with the change that caused them; deliver them after commit."""

import logging
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from outbox.channels import CHANNELS
from outbox.models import Message

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
LINK = re.compile(r"https?://\S+")
SECRET_MIN_LENGTH = 12
SECRET_PIECE = 8


def enqueue_email(
    *, to: str, subject: str, template: str, context: dict, kind: str, hourly_limit: int | None = None
) -> Message | None:
    """Store an email in the outbox; it is published only if the surrounding transaction commits.

    With `hourly_limit`, an email that anyone can trigger (a reset link, say) is dropped once that many
    of its kind went to the same address in the last hour, so nobody can flood someone's inbox.
    """
    if hourly_limit is not None and sent_recently(to=to, kind=kind) >= hourly_limit:
        logger.warning("outbox: %s email to one address dropped: hourly limit reached", kind)
        return None
    message = Message(recipient=to, subject=subject, body=render_to_string(template, context), kind=kind)
    message.full_clean()
    message.save()
    transaction.on_commit(lambda: publish(message.pk))
    return message


def sent_recently(*, to: str, kind: str) -> int:
    """How many emails of `kind` were queued for `to` in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    return Message.objects.filter(recipient__iexact=to, kind=kind, created_at__gte=since).count()


STUCK_AFTER = timedelta(minutes=15)


def undelivered_count(*, now: datetime) -> int:
    """Emails that failed for good, or still wait more than STUCK_AFTER after they were queued."""
    stuck = Message.objects.filter(status=Message.Status.PENDING, created_at__lt=now - STUCK_AFTER)
    return Message.objects.filter(status=Message.Status.FAILED).count() + stuck.count()


def publish(message_pk: int) -> None:
    """Hand one message to Celery; when the broker is down the periodic dispatcher sends it later."""
    from outbox.tasks import deliver_message

    try:
        deliver_message.delay(message_pk)
    except Exception:  # broker outage: the row stays pending, nothing is lost
        logger.warning("outbox: could not publish message %s; it stays pending", message_pk)


def deliver(message_pk: int) -> bool:
    """Send one pending message at most once; returns whether it was sent now."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_pk, status=Message.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        _attempt(message)
        return message.status == Message.Status.SENT


def _attempt(message: Message) -> None:
    message.attempts += 1
    try:
        CHANNELS[message.channel](message)
    except Exception as exc:  # any channel error is recorded and retried with back-off
        message.last_error = failure_text(exc, body=message.body)
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Message.Status.FAILED
        message.available_at = timezone.now() + timedelta(minutes=2**message.attempts)
        logger.warning("outbox: message %s failed: %s", message.pk, message.last_error)
    else:
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
    if message.status != Message.Status.PENDING:
        message.body = ""  # its links carry tokens, and nobody will send it again
    message.save()


def failure_text(exc: Exception, *, body: str) -> str:
    """The error as recorded and shown to admins: any word sharing 8 characters with a token is blanked."""
    secrets = secrets_in(body)
    pieces = {part[i:i + SECRET_PIECE] for part in secrets for i in range(len(part) - SECRET_PIECE + 1)}
    words = re.split(r"(\s+)", f"{type(exc).__name__}: {exc}")
    return "".join("[removed]" if any(p in word for p in pieces) else word for word in words)[:1000]


def secrets_in(body: str) -> set[str]:
    """The parts of the body's links (path, query, fragment) long enough to hold a token."""
    parts = set()
    for link in LINK.findall(body):
        url = urlsplit(link)
        parts.update(re.split(r"[/?&=#:]", f"{url.path}?{url.query}#{url.fragment}"))
    return {part for part in parts if len(part) >= SECRET_MIN_LENGTH}


def dispatch_due(limit: int = 200) -> int:
    """Send every due message (the beat task calls this); returns how many were sent."""
    due = list(Message.objects.due().values_list("pk", flat=True)[:limit])
    return sum(deliver(pk) for pk in due)
