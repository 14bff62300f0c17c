"""The Celery app loses no task when a worker dies, gives up fast on a dead broker, and really runs tasks."""

import queue
from collections.abc import Iterator

import pytest
from celery import Celery
from celery.contrib.testing.app import setup_default_app
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from celery.signals import task_postrun
from django.core import mail
from django.db import connections, transaction

from clinic.celery import app
from outbox import services
from outbox.models import Message
from outbox.tasks import deliver_message, dispatch_outbox

WAIT_SECONDS = 10


def test_a_task_is_acknowledged_only_after_it_finishes_so_a_killed_worker_loses_none() -> None:
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert deliver_message.acks_late is True


def test_publishing_to_a_dead_or_frozen_broker_gives_up_within_seconds() -> None:
    assert app.conf.task_publish_retry_policy["max_retries"] <= 1
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 2
    assert app.conf.broker_transport_options["socket_timeout"] <= 2


def test_the_beat_schedule_re_sends_pending_outbox_messages() -> None:
    assert app.conf.beat_schedule["dispatch-outbox"]["task"] == "outbox.tasks.dispatch_outbox"
    assert "outbox.tasks.dispatch_outbox" in app.tasks


@pytest.fixture
def finished_tasks(settings: object, transactional_db: None) -> Iterator["queue.Queue[tuple[str, object]]"]:
    """Start a real worker on the real Redis broker; yields a queue of (task name, return value)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    worker_app = Celery("clinic-test-worker", set_as_current=False)
    worker_app.config_from_object("django.conf:settings", namespace="CELERY")
    worker_app.conf.update(result_backend=settings.CELERY_BROKER_URL, task_ignore_result=False)
    finished: queue.Queue[tuple[str, object]] = queue.Queue()

    def record(sender: object, retval: object = None, **kwargs: object) -> None:
        finished.put((sender.name, retval))
        connections.close_all()  # the worker thread's connection must not outlive the test database

    task_postrun.connect(record, weak=False)
    try:
        with setup_default_app(worker_app):
            worker_app.set_current()
            worker_app.set_default()
            worker = start_worker(
                worker_app, pool="solo", perform_ping_check=False, shutdown_timeout=WAIT_SECONDS
            )
            with worker:
                yield finished
    finally:
        task_postrun.disconnect(record)


def pending_message() -> Message:
    return Message.objects.create(recipient="pat@example.test", subject="Hello", body="Hi", kind="test")


@pytest.mark.redis
def test_a_task_round_trips_through_redis_and_a_real_worker(finished_tasks: queue.Queue) -> None:
    message = pending_message()

    result = deliver_message.delay(message.pk)

    assert not isinstance(result, EagerResult)
    assert result.get(timeout=WAIT_SECONDS) is True
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.to for email in mail.outbox] == [["pat@example.test"]]


@pytest.mark.redis
def test_an_email_enqueued_in_a_committed_transaction_is_delivered_by_the_worker(
    finished_tasks: queue.Queue,
) -> None:
    # Were it published before the commit, the worker would find no row and return False.
    with transaction.atomic():
        message = services.enqueue_email(
            to="pat@example.test", subject="Hello", template="outbox/test_email.txt",
            context={"name": "Pat"}, kind="test",
        )

    assert finished_tasks.get(timeout=WAIT_SECONDS) == ("outbox.tasks.deliver_messages", 1)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.body for email in mail.outbox] == ["Hello Pat, this is a test.\n"]


@pytest.mark.redis
def test_the_beat_dispatcher_sends_through_the_worker_what_an_outage_left_pending(
    finished_tasks: queue.Queue,
) -> None:
    message = pending_message()

    dispatch_outbox.delay()

    assert finished_tasks.get(timeout=WAIT_SECONDS) == ("outbox.tasks.dispatch_outbox", 1)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.to for email in mail.outbox] == [["pat@example.test"]]
