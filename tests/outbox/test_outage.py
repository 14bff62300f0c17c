"""A broker outage loses no email: the action commits, the message waits, the dispatcher sends it once."""

import logging
import socket
from collections.abc import Iterator

import pytest
from celery import Celery
from django.core import mail
from django.test import Client
from django.urls import reverse

from outbox.models import Message
from outbox.tasks import dispatch_outbox
from tests.factories import UserFactory
from tests.faults import celery_publishing_to

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> int:
    """A loopback port nothing listens on (taken from the kernel, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_down(settings: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[Celery]:
    """Make the current Celery app publish to a Redis that refuses connections."""
    dead = f"redis://127.0.0.1:{closed_port()}/0"
    with celery_publishing_to(dead, settings, monkeypatch, "clinic-broker-down") as down:
        yield down


def ask_for_password_reset(email: str) -> int:
    response = Client().post(reverse("accounts:password-reset"), {"email": email})
    return response.status_code


def test_an_action_that_sends_email_still_succeeds_while_the_broker_is_down(
    broker_down: Celery, caplog: pytest.LogCaptureFixture
) -> None:
    user = UserFactory(email="pat@example.test")

    with caplog.at_level(logging.WARNING, logger="outbox.services"):
        status = ask_for_password_reset(user.email)

    assert status == 302
    message = Message.objects.get()
    assert (message.recipient, message.status, message.attempts) == (user.email, Message.Status.PENDING, 0)
    assert mail.outbox == []
    assert "could not publish" in caplog.text


def test_the_dispatcher_delivers_what_the_outage_left_pending_exactly_once(broker_down: Celery) -> None:
    user = UserFactory(email="pat@example.test")
    ask_for_password_reset(user.email)

    sent_first, sent_again = dispatch_outbox.apply().get(), dispatch_outbox.apply().get()

    assert (sent_first, sent_again) == (1, 0)
    assert [email.to for email in mail.outbox] == [[user.email]]
    assert Message.objects.get().status == Message.Status.SENT
