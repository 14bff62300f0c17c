"""The Celery app: the schedule a worker loads, fast give-up on a dead broker, tasks really run.

A killed worker losing no task is proven with real worker processes in test_celery_killed_worker.py,
and beat escalating an alert in test_celery_beat.py.
"""

import json
import os
import queue
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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
ROOT = Path(__file__).resolve().parents[2]
# What `celery -A clinic worker` and `celery -A clinic beat` do before they run anything.
LOAD_SCHEDULE = """
import json
from clinic.celery import app
app.loader.import_default_modules()
def every(schedule):
    return float(schedule) if isinstance(schedule, (int, float)) else str(schedule)  # a crontab
def queue(entry):
    return entry.get("options", {}).get("queue") or app.amqp.router.route({}, entry["task"])["queue"].name
print(json.dumps({
    name: {"task": entry["task"], "every": every(entry["schedule"]), "registered": entry["task"] in app.tasks,
           "queue": queue(entry)}
    for name, entry in app.conf.beat_schedule.items()
}))
"""
SAFETY_NET = {
    "escalate-alerts": "screening.tasks.escalate_overdue_alerts",
    "dispatch-outbox": "outbox.tasks.dispatch_outbox",
    "dispatch-crisis-outbox": "outbox.tasks.dispatch_outbox",
    "rescreen-outdated": "screening.tasks.rescreen_outdated",
}


def beat_schedule_as_a_worker_loads_it(**env: str) -> dict[str, dict]:
    """Each beat entry's task, interval in seconds and whether it is registered, loaded by a fresh process."""
    environ = {key: value for key, value in os.environ.items() if key != "ALERT_ESCALATION_CHECK_SECONDS"}
    done = subprocess.run(
        [sys.executable, "-c", LOAD_SCHEDULE], cwd=ROOT, env={**environ, "DEBUG": "1", **env},
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def beat_schedule() -> dict[str, dict]:
    return beat_schedule_as_a_worker_loads_it()


def test_beat_escalates_unacknowledged_alerts_every_minute_and_re_sends_and_re_screens(
    beat_schedule: dict[str, dict],
) -> None:
    assert {name: entry["task"] for name, entry in beat_schedule.items() if name in SAFETY_NET} == SAFETY_NET
    assert beat_schedule["escalate-alerts"]["every"] == 60.0
    assert beat_schedule["dispatch-outbox"]["every"] <= 60.0
    assert beat_schedule["dispatch-crisis-outbox"]["every"] <= 60.0


def test_escalation_and_the_crisis_dispatcher_run_on_the_crisis_queue_of_their_own(
    beat_schedule: dict[str, dict],
) -> None:
    crisis = {name for name, entry in beat_schedule.items() if entry["queue"] == "crisis"}
    assert crisis == {"escalate-alerts", "dispatch-crisis-outbox"}


def test_every_task_on_the_beat_schedule_is_registered_in_the_worker(beat_schedule: dict[str, dict]) -> None:
    unregistered = [entry["task"] for entry in beat_schedule.values() if not entry["registered"]]
    assert unregistered == []


def test_how_often_beat_looks_for_overdue_alerts_comes_from_the_environment() -> None:
    schedule = beat_schedule_as_a_worker_loads_it(ALERT_ESCALATION_CHECK_SECONDS="5")
    assert schedule["escalate-alerts"]["every"] == 5.0


def test_publishing_to_a_dead_or_frozen_broker_gives_up_within_seconds() -> None:
    assert app.conf.task_publish_retry_policy["max_retries"] <= 1
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 2
    assert app.conf.broker_transport_options["socket_timeout"] <= 2


@pytest.fixture
def finished_tasks(settings: object) -> Iterator["queue.Queue[tuple[str, object]]"]:
    """Start a real worker on the real Redis broker; yields a queue of (task name, return value).

    Its tests are marked transactional (not through the transactional_db fixture), so tests/conftest.py
    restores the migrated rows after them like after every other transactional test.
    """
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
@pytest.mark.django_db(transaction=True)
def test_a_task_round_trips_through_redis_and_a_real_worker(finished_tasks: queue.Queue) -> None:
    message = pending_message()

    result = deliver_message.delay(message.pk)

    assert not isinstance(result, EagerResult)
    assert result.get(timeout=WAIT_SECONDS) is True
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.to for email in mail.outbox] == [["pat@example.test"]]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
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
@pytest.mark.django_db(transaction=True)
def test_the_beat_dispatcher_sends_through_the_worker_what_an_outage_left_pending(
    finished_tasks: queue.Queue,
) -> None:
    message = pending_message()

    dispatch_outbox.delay()

    assert finished_tasks.get(timeout=WAIT_SECONDS) == ("outbox.tasks.dispatch_outbox", 1)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.to for email in mail.outbox] == [["pat@example.test"]]
