"""Record notifications with the change that caused them; deliver them after commit."""

import logging
import re
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models import Min, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from outbox.channels import CHANNELS, Attachment
from outbox.models import Message
from outbox.publishing import publish_after_commit, queue_for

logger = logging.getLogger(__name__)
DONE = {"body": "", "attachments": []}
MAX_ATTEMPTS = 8
LINK = re.compile(r"https?://\S+")
SECRET_MIN_LENGTH = 12
SECRET_PIECE = 8


def enqueue_email(
    *, to: str, subject: str, template: str, context: dict, kind: str, hourly_limit: int | None = None,
    attachments: list[Attachment] | None = None,
) -> Message | None:
    """Store an email in the outbox; once the surrounding transaction commits it is published to its queue
    (after the response, inside a request: see outbox.publishing).

    With `hourly_limit`, an email that anyone can trigger (a reset link, say) is dropped once that many
    of its kind went to the same address in the last hour, so nobody can flood someone's inbox.
    """
    if hourly_limit is not None and sent_recently(to=to, kind=kind) >= hourly_limit:
        logger.warning("outbox: %s email to one address dropped: hourly limit reached", kind)
        return None
    message = Message(
        recipient=to, subject=subject, body=render_to_string(template, context), kind=kind,
        attachments=[attachment.as_json() for attachment in attachments or []],
    )
    # Checked field by field; the status constraints are the database's (no round trip per constraint).
    message.full_clean(validate_unique=False, validate_constraints=False)
    message.save()
    queue = queue_for(kind)
    transaction.on_commit(lambda: publish_after_commit(message_pk=message.pk, queue=queue))
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


class Delivery(models.TextChoices):
    SENT = "sent", "Sent now"
    FAILED = "failed", "Failed, to be retried (or parked after MAX_ATTEMPTS)"
    SKIPPED = "skipped", "Not due, already sent, or claimed by another worker"


def deliver(message_pk: int) -> bool:
    """Send one due message; returns whether it was sent now. Delivery is at least once, not exactly once.

    The row is claimed (its attempt counted and `available_at` pushed past a lease longer than a delivery
    task may live) and committed; the email goes out with no transaction open and no row lock held; the
    outcome is recorded right after. A worker killed between the send and the record leaves its claim to
    expire, and the message is sent again: that is the only window for a duplicate, and both copies carry
    the same Message-ID (outbox.channels.message_id), so mail systems can drop the second.
    """
    return deliver_one(message_pk) == Delivery.SENT


def deliver_one(message_pk: int) -> Delivery:
    """Claim, send and record one message; what happened to it."""
    message = claim(message_pk)
    if message is None:
        return Delivery.SKIPPED
    try:
        CHANNELS[message.channel](message)
    except Exception as exc:  # any channel error (timeout included) is recorded and retried with back-off
        record_failure(message, exc)
        return Delivery.FAILED
    record_sent(message)
    return Delivery.SENT


def claim(message_pk: int) -> Message | None:
    """Take a due message for one delivery attempt, in a transaction of its own; None if it is not ours."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .due()
            .filter(pk=message_pk, attempts__lt=MAX_ATTEMPTS)
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        message.available_at = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
        message.save(update_fields=["attempts", "available_at"])
    return message


def record_sent(message: Message) -> None:
    """Mark a claimed message sent, unless a later claim took it over (its attempt count moved on)."""
    # The body and attachments go with the send: links carry tokens, and nobody will send it again.
    Message.objects.filter(pk=message.pk, attempts=message.attempts, status=Message.Status.PENDING).update(
        status=Message.Status.SENT, sent_at=timezone.now(), **DONE
    )


def record_failure(message: Message, error: Exception) -> None:
    """Put a claimed message back with back-off, or park it as failed after MAX_ATTEMPTS."""
    text = failure_text(error, body=message.body)
    failed = message.attempts >= MAX_ATTEMPTS
    retry_at = timezone.now() + timedelta(minutes=2**message.attempts)
    # A message given up on keeps no copy of its links either: the person asks for a new one.
    kept = {"status": Message.Status.FAILED, **DONE} if failed else {}
    Message.objects.filter(pk=message.pk, attempts=message.attempts, status=Message.Status.PENDING).update(
        last_error=text, available_at=retry_at, **kept
    )
    logger.warning("outbox: message %s failed: %s", message.pk, text)


def deliver_batch(message_pks: list[int]) -> int:
    """Send these messages in order; returns how many were sent now.

    It stops at the first failure (a mail server that times out once would make every next message wait
    as long) and claims nothing new after OUTBOX_BATCH_SECONDS; what it leaves stays pending for the
    dispatcher, uncounted.
    """
    started, sent = time.monotonic(), 0
    for message_pk in message_pks:
        if time.monotonic() - started > settings.OUTBOX_BATCH_SECONDS:
            break
        outcome = deliver_one(message_pk)
        if outcome == Delivery.FAILED:
            break
        sent += outcome == Delivery.SENT
    return sent


def dispatch_due(*, queue: str | None = None, limit: int = 200) -> int:
    """Send the due messages of one queue (beat runs this on each queue); returns how many were sent."""
    park_exhausted()
    due = due_on(queue or settings.CELERY_TASK_DEFAULT_QUEUE)
    return deliver_batch(list(due.values_list("pk", flat=True)[:limit]))


def due_on(queue: str) -> QuerySet[Message]:
    """Due messages whose kind is delivered by `queue`."""
    routed = settings.OUTBOX_QUEUES
    if queue == settings.CELERY_TASK_DEFAULT_QUEUE:
        return Message.objects.due().exclude(kind__in=list(routed))
    return Message.objects.due().filter(kind__in=[kind for kind, name in routed.items() if name == queue])


def park_exhausted() -> int:
    """Mark failed the messages whose last allowed attempt never reported back (its worker died)."""
    return Message.objects.due().filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Message.Status.FAILED, **DONE, last_error="No attempt left: the last one never reported back."
    )


def oldest_pending_age(*, now: datetime) -> timedelta | None:
    """How long the oldest message still waiting to be sent has waited (None when none waits)."""
    waiting = Message.objects.filter(status=Message.Status.PENDING)
    oldest = waiting.aggregate(Min("created_at"))["created_at__min"]
    return None if oldest is None else now - oldest


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
