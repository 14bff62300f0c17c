import pytest
from django.core import mail

from outbox import services
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
