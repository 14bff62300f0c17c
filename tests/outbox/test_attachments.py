"""Files sent with an outbox email (an .ics invitation): stored with the row, sent, then cleared."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from outbox import services
from outbox.channels import CHANNELS, Attachment
from outbox.models import Message

INVITE = Attachment(
    filename="consultation.ics", mimetype="text/calendar", content="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
)


def enqueue(attachments: list[Attachment] | None) -> Message:
    return services.enqueue_email(
        to="pat@example.test", subject="Your consultation", template="outbox/test_email.txt",
        context={"name": "Pat"}, kind="test", attachments=attachments,
    )


@pytest.mark.django_db(transaction=True)
def test_an_attachment_goes_out_with_the_email_and_is_not_kept_once_sent() -> None:
    message = enqueue([INVITE])
    sent = mail.outbox[0]
    assert sent.attachments == [("consultation.ics", INVITE.content, "text/calendar")]
    assert "text/calendar" in sent.message().as_string()
    message.refresh_from_db()
    assert (message.status, message.attachments) == ("sent", [])


@pytest.mark.django_db(transaction=True)
def test_an_email_without_attachments_is_sent_as_before() -> None:
    enqueue(None)
    assert mail.outbox[0].attachments == []


@pytest.mark.django_db
def test_a_failed_attempt_keeps_the_attachment_for_the_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    message = Message.objects.create(
        recipient="pat@example.test", subject="S", body="B", kind="test", attachments=[INVITE.as_json()]
    )

    def refuse(message: Message) -> None:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setitem(CHANNELS, Message.Channel.EMAIL, refuse)
    assert not services.deliver(message.pk)
    message.refresh_from_db()
    assert message.attachments == [INVITE.as_json()]


@pytest.mark.django_db
def test_a_message_given_up_on_keeps_no_attachment() -> None:
    message = Message.objects.create(
        recipient="pat@example.test", subject="S", body="B", kind="test", attachments=[INVITE.as_json()],
        attempts=services.MAX_ATTEMPTS,
    )
    assert services.park_exhausted() == 1
    message.refresh_from_db()
    assert (message.status, message.attachments) == ("failed", [])


@pytest.mark.django_db
def test_the_database_refuses_a_sent_message_that_still_holds_an_attachment() -> None:
    message = Message.objects.create(
        recipient="pat@example.test", subject="S", body="", kind="test", attachments=[INVITE.as_json()]
    )
    message.status, message.sent_at = Message.Status.SENT, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        message.save()
