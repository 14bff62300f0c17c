from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

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
