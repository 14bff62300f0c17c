"""A worker killed mid-task loses no task: acknowledged only after it finishes, it runs again.

The task is a real one, delivering an outbox email, stuck mid-send on a mail server that never answers.
The outbox claims a message for a lease before sending, so the task that runs again finds it still
claimed by the dead attempt; once the lease ends, the dispatcher (beat's `dispatch-outbox`) sends it,
exactly once.
"""

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import transaction

from outbox import services
from outbox.models import Message
from outbox.tasks import dispatch_outbox
from tests.clinic.processes import CeleryProcess, celery_env, purge_broker, wait_until
from tests.clinic.smtp import SmtpServer

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

# Redis returns a dead worker's unacknowledged task after the visibility timeout: an hour in the clinic's
# configuration, 2 s in this app (the only difference).
SHORT_VISIBILITY_APP = "tests.clinic.celery_short_visibility"
# The workers wait at most this long for the mail server; a claim's lease is 8 times as long.
EMAIL_TIMEOUT = "3"


@pytest.fixture
def mail_server(settings: object) -> Iterator[SmtpServer]:
    """A mail server whose first connection hangs without a greeting; this process publishes to Redis."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    purge_broker()
    with SmtpServer(stall_first=1) as server:
        yield server
    purge_broker()


@pytest.fixture
def workers(tmp_path: Path, mail_server: SmtpServer) -> Iterator[list[CeleryProcess]]:
    """The workers a test starts with start_worker(); all are stopped at the end."""
    started: list[CeleryProcess] = []
    yield started
    for worker in started:
        worker.stop()


def start_worker(started: list, tmp_path: Path, server: SmtpServer, name: str, app: str) -> CeleryProcess:
    """`celery worker` as docker-compose runs it (prefork pool), sending mail to the test's server."""
    env = celery_env(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(server.port), EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD="", EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT=EMAIL_TIMEOUT,
    )
    worker = CeleryProcess("worker", "--concurrency", "1", "--loglevel", "INFO", "--hostname", f"{name}@%h",
                           log=tmp_path / f"{name}.log", app=app, env=env)
    started.append(worker)
    return worker


def queue_email() -> Message:
    """An email stored and published after commit, as every notification of the clinic is."""
    with transaction.atomic():
        return services.enqueue_email(
            to="pat@example.test", subject="Hello", template="outbox/test_email.txt",
            context={"name": "Pat"}, kind="test",
        )


def sent(message: Message) -> bool:
    message.refresh_from_db()
    return message.status == Message.Status.SENT


def dispatch_when_the_lease_ends(message: Message, *workers: CeleryProcess) -> None:
    """What beat's dispatcher does every 30 s, once the dead attempt's claim on the message has lapsed."""
    def lapsed() -> bool:  # due() reads the clock when it is called
        return Message.objects.due().filter(pk=message.pk).exists()

    wait_until(lapsed, "the claim's lease to end", *workers)
    dispatch_outbox.delay()


def pool_processes(worker: CeleryProcess) -> list[int]:
    """Process ids of the worker's pool children, read from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == worker.process.pid:
            children.append(int(stat.parent.name))
    return children


def test_a_task_whose_worker_is_killed_mid_send_is_run_by_the_next_worker_exactly_once(
    workers: list[CeleryProcess], tmp_path: Path, mail_server: SmtpServer,
) -> None:
    first = start_worker(workers, tmp_path, mail_server, "first", SHORT_VISIBILITY_APP)
    message = queue_email()
    wait_until(mail_server.stalled.is_set, "the first worker to connect to the mail server", first)
    assert Message.objects.get(pk=message.pk).status == Message.Status.PENDING

    first.kill()
    second = start_worker(workers, tmp_path, mail_server, "second", SHORT_VISIBILITY_APP)
    wait_until(lambda: "outbox.tasks.deliver_messages[" in second.output(), "the task to run again", second)
    dispatch_when_the_lease_ends(message, second)
    wait_until(lambda: sent(message), "the second worker to send the email", first, second)

    assert (message.attempts, message.last_error) == (2, "")  # the killed attempt counted, and left no error
    assert len(mail_server.messages) == 1
    assert "Hello Pat, this is a test." in mail_server.messages[0]


def test_a_task_whose_pool_process_is_killed_mid_send_is_run_again_at_once_by_the_same_worker(
    workers: list[CeleryProcess], tmp_path: Path, mail_server: SmtpServer,
) -> None:
    # The clinic's own app: with the hour-long visibility timeout only the worker itself can re-run it.
    worker = start_worker(workers, tmp_path, mail_server, "survivor", "clinic")
    message = queue_email()
    wait_until(mail_server.stalled.is_set, "the pool process to connect to the mail server", worker)

    (child,) = pool_processes(worker)
    os.kill(child, signal.SIGKILL)
    wait_until(lambda: "signal 9 (SIGKILL)" in worker.output(), "the worker to see its child killed", worker)
    dispatch_when_the_lease_ends(message, worker)
    wait_until(lambda: sent(message), "the worker to send the email again", worker)

    assert (message.attempts, message.last_error) == (2, "")
    assert len(mail_server.messages) == 1
    assert "signal 9 (SIGKILL)" in worker.output()
