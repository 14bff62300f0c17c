import pytest
from django.core import mail

from outbox import services
from outbox.channels import message_id
from outbox.models import Message

pytestmark = pytest.mark.django_db


def test_every_email_carries_a_message_id_made_from_its_outbox_row(settings: object) -> None:
    settings.DEFAULT_FROM_EMAIL = "Clinic intake <no-reply@intake.example.org>"
    message = Message.objects.create(recipient="pat@example.test", subject="Hello", body="Hi", kind="test")

    assert services.deliver(message.pk) is True

    sent_id = mail.outbox[0].message()["Message-ID"]
    assert sent_id == message_id(Message.objects.get(pk=message.pk))
    assert sent_id.startswith(f"<outbox.{message.pk}.") and sent_id.endswith("@intake.example.org>")


def test_two_rows_never_share_a_message_id() -> None:
    first, second = (
        Message.objects.create(recipient="pat@example.test", subject="Hello", body="Hi", kind="test")
        for _ in range(2)
    )
    assert message_id(first) != message_id(second)
