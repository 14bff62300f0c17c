"""Dispatchers running at the same time send each outbox message exactly once (PostgreSQL row locks)."""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connections, transaction

from outbox import services
from outbox.channels import CHANNELS, send_email
from outbox.models import Message

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WAIT_SECONDS = 10


def pending_messages(count: int) -> list[Message]:
    return [
        Message.objects.create(recipient=f"patient{n}@example.test", subject="Hello", body="Hi", kind="test")
        for n in range(count)
    ]


def run_in_threads(target: Callable[[], int], count: int) -> list[int]:
    """Run `target` in `count` threads at once, each on its own database connection."""
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(target())
        except BaseException as exc:  # re-raised in the test thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    if errors:
        raise errors[0]
    return results


def test_two_dispatchers_at_once_send_every_message_exactly_once(monkeypatch: pytest.MonkeyPatch) -> None:
    messages = pending_messages(6)
    both_sending = threading.Barrier(2, timeout=WAIT_SECONDS)
    seen = threading.local()

    def send_while_the_other_dispatcher_sends(message: Message) -> None:
        # Each dispatcher holds a row lock here until the other also holds one: a dispatcher that
        # waited for a locked row instead of skipping it would break the barrier and fail the send.
        if not getattr(seen, "first", False):
            seen.first = True
            both_sending.wait()
        send_email(message)

    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, send_while_the_other_dispatcher_sends)
    sent_per_dispatcher = run_in_threads(services.dispatch_due, 2)

    assert len(sent_per_dispatcher) == 2 and min(sent_per_dispatcher) >= 1
    assert sum(sent_per_dispatcher) == 6
    assert Counter(email.to[0] for email in mail.outbox) == Counter(m.recipient for m in messages)
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}


def test_a_message_another_transaction_is_sending_is_skipped_without_waiting() -> None:
    (message,) = pending_messages(1)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row() -> int:
        with transaction.atomic():
            Message.objects.select_for_update().get(pk=message.pk)
            locked.set()
            release.wait(WAIT_SECONDS)
        return 0

    holder = threading.Thread(target=run_in_threads, args=(hold_the_row, 1))
    holder.start()
    assert locked.wait(WAIT_SECONDS)
    sent_while_locked = services.deliver(message.pk)
    release.set()
    holder.join(WAIT_SECONDS)

    assert sent_while_locked is False
    assert services.deliver(message.pk) is True
    assert [email.to for email in mail.outbox] == [[message.recipient]]
