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
