"""Dispatchers at once send each message once (claims skip locked rows); no lock is held while sending."""

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connections, transaction

from outbox import services
from outbox.channels import CHANNELS, send_email
from outbox.models import Message
from tests.faults import black_hole, wait_until

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


def test_no_row_lock_or_open_transaction_is_held_while_the_mail_server_hangs(settings: object) -> None:
    (message,) = pending_messages(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 3
    with black_hole() as smtp:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        sender = threading.Thread(target=run_in_threads, args=(lambda: services.deliver(message.pk), 1))
        sender.start()
        wait_until(lambda: smtp.accepted, what="the sender to reach the mail server")

        # Mid-send: the row is free, no connection sits idle in a transaction, and another worker skips it.
        with transaction.atomic():
            Message.objects.select_for_update(nowait=True).get(pk=message.pk)
        assert idle_in_transaction() == 0
        assert services.deliver(message.pk) is False
        sender.join(WAIT_SECONDS)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.PENDING, 1)
    assert "timed out" in message.last_error


def idle_in_transaction() -> int:
    """Connections to this database that opened a transaction and wait, doing nothing."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]
