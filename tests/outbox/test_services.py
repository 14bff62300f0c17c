import socket
from datetime import timedelta
from smtplib import SMTPDataError

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from outbox import services
from outbox.channels import CHANNELS, send_email
from outbox.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


def test_enqueued_email_is_sent_after_commit_in_eager_mode() -> None:
    services.enqueue_email(
        to="pat@example.test", subject="Hello", template="outbox/test_email.txt",
        context={"name": "Pat"}, kind="test",
    )
    message = Message.objects.get()
    assert message.status == Message.Status.SENT
    assert mail.outbox[0].to == ["pat@example.test"]
    assert "Pat" in mail.outbox[0].body


def test_an_hourly_limit_drops_further_emails_of_that_kind_to_the_same_address() -> None:
    def send(to: str, kind: str = "password-reset") -> object:
        return services.enqueue_email(
            to=to, subject="Reset", template="outbox/test_email.txt", context={"name": "Pat"},
            kind=kind, hourly_limit=2,
        )

    assert send("pat@example.test") and send("PAT@example.test")
    assert send("pat@example.test") is None
    assert send("other@example.test") is not None
    assert send("pat@example.test", kind="verify-email") is not None
    assert Message.objects.filter(recipient__iexact="pat@example.test", kind="password-reset").count() == 2


def test_the_hourly_limit_counts_only_the_last_hour() -> None:
    kwargs = dict(to="pat@example.test", subject="Reset", template="outbox/test_email.txt",
                  context={"name": "Pat"}, kind="password-reset", hourly_limit=1)
    with time_machine.travel(timezone.now() - timedelta(minutes=61)):
        assert services.enqueue_email(**kwargs) is not None
    assert services.enqueue_email(**kwargs) is not None


TOKEN = "cfk3x2-0a1b2c3d4e5f6a7b8c9d"
LINK = f"https://clinic.test/accounts/password/reset/MQ/{TOKEN}/"


def reset_email() -> Message:
    return Message.objects.create(
        recipient="pat@example.test", subject="Reset your password", kind="password-reset",
        body=f"Hello Pat,\n\nChoose a new password here: {LINK}\n",
    )


def refuse_with(error: Exception) -> object:
    def send(message: Message) -> None:
        raise error

    return send


@pytest.mark.django_db
def test_a_sent_message_keeps_no_copy_of_its_link() -> None:
    message = reset_email()
    assert services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.body) == ("sent", "")
    assert LINK in mail.outbox[0].body


@pytest.mark.django_db
def test_a_failed_attempt_keeps_the_body_so_the_retry_sends_the_same_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = reset_email()
    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, refuse_with(ConnectionRefusedError("smtp down")))
    assert not services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, LINK in message.body) == ("pending", 1, True)
    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, send_email)
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):  # past the back-off
        assert services.deliver(message.pk)
    assert LINK in mail.outbox[0].body
    message.refresh_from_db()
    assert (message.status, message.body) == ("sent", "")


@pytest.mark.django_db
def test_a_message_given_up_on_keeps_no_copy_of_its_link(monkeypatch: pytest.MonkeyPatch) -> None:
    message = reset_email()
    Message.objects.filter(pk=message.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, refuse_with(ConnectionRefusedError("smtp down")))
    services.deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.body, message.last_error) == (
        "failed", "", "ConnectionRefusedError: smtp down",
    )


@pytest.mark.django_db
def test_an_error_that_echoes_the_email_is_recorded_without_the_link_or_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = reset_email()
    echo = SMTPDataError(554, f"rejected line: {LINK} ({TOKEN[:15]}...)".encode())
    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, refuse_with(echo))
    services.deliver(message.pk)
    message.refresh_from_db()
    assert message.last_error.startswith("SMTPDataError: (554")
    assert "clinic.test/accounts" not in message.last_error
    assert not any(TOKEN[i:i + 8] in message.last_error for i in range(len(TOKEN) - 7))


@pytest.mark.django_db
def test_the_database_refuses_a_sent_message_that_still_holds_its_body() -> None:
    message = reset_email()
    message.status, message.sent_at = Message.Status.SENT, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        message.save()


def pending(kind: str = "test", recipient: str = "pat@example.test") -> Message:
    return Message.objects.create(recipient=recipient, subject="Hello", body="Hi", kind=kind)


@pytest.fixture
def refused_smtp(settings: object) -> None:
    """Send through SMTP to a loopback port that refuses connections: a real send failure."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_a_message_claimed_by_a_worker_that_died_is_sent_again_once_its_lease_ends(settings: object) -> None:
    message = pending()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert services.claim(message.pk) is not None  # the worker that claimed it dies before sending
        assert services.deliver(message.pk) is False
        clock.shift(timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS - 1))
        assert services.deliver(message.pk) is False
        clock.shift(timedelta(seconds=2))
        assert services.deliver(message.pk) is True
    message.refresh_from_db()
    assert (message.status, message.attempts, len(mail.outbox)) == (Message.Status.SENT, 2, 1)


def test_a_failed_send_is_retried_with_back_off_and_parked_after_eight_attempts(refused_smtp: None) -> None:
    message = pending()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for attempt in range(1, services.MAX_ATTEMPTS + 1):
            assert services.deliver(message.pk) is False
            message.refresh_from_db()
            assert message.attempts == attempt and "ConnectionRefusedError" in message.last_error
            clock.shift(timedelta(minutes=2**attempt) - timedelta(seconds=1))
            assert services.deliver(message.pk) is False  # not due yet: nothing is tried
            clock.shift(timedelta(seconds=2))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.FAILED, services.MAX_ATTEMPTS)


def test_a_message_whose_last_attempt_never_reported_back_is_parked_by_the_dispatcher(
    settings: object,
) -> None:
    message = pending()
    Message.objects.filter(pk=message.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert services.claim(message.pk) is not None
        clock.shift(timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS + 1))
        assert services.dispatch_due() == 0
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and "never reported back" in message.last_error
    assert mail.outbox == []


def test_a_batch_stops_at_the_first_failed_send_and_leaves_the_rest_untried(refused_smtp: None) -> None:
    first, second, third = pending(), pending(), pending()

    assert services.deliver_batch([first.pk, second.pk, third.pk]) == 0

    attempts = dict(Message.objects.values_list("pk", "attempts"))
    assert attempts == {first.pk: 1, second.pk: 0, third.pk: 0}
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.PENDING}


def test_each_queue_dispatches_only_its_own_kinds_of_message(settings: object) -> None:
    alert, escalation = pending("crisis-alert", "on-call@clinic.test"), pending("crisis-alert-escalated")
    reset = pending("password-reset", "pat@example.test")

    assert services.dispatch_due(queue=settings.CRISIS_QUEUE) == 2
    assert [email.to for email in mail.outbox] == [[alert.recipient], [escalation.recipient]]
    assert services.dispatch_due() == 1
    assert mail.outbox[-1].to == [reset.recipient]


def test_the_oldest_pending_message_age_ignores_sent_and_failed_ones() -> None:
    now = timezone.now()
    assert services.oldest_pending_age(now=now) is None
    with time_machine.travel(now - timedelta(minutes=5)):
        Message.objects.create(recipient="a@example.test", subject="S", body="", kind="test",
                               status=Message.Status.FAILED)
    with time_machine.travel(now - timedelta(minutes=3)):
        pending()
    assert services.oldest_pending_age(now=now) == timedelta(minutes=3)
