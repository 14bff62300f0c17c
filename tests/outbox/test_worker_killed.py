"""A worker killed in the middle of a send: every message is still sent, and duplicates are at most one per
kill, each carrying the message's own Message-ID (real prefork worker, Redis and SMTP server)."""

import os
import signal
import time
from collections import Counter

import pytest

from outbox.channels import message_id
from outbox.models import Message
from outbox.publishing import publish
from outbox.tasks import dispatch_outbox
from tests.faults import smtp_sink, wait_until
from tests.workers import Worker, celery_worker, purge_queues

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]
KILLS = 2
EMAIL_TIMEOUT = 2  # so a claim left by a killed worker expires after 8 x 2 = 16 s
WAIT_SECONDS = 60


def kill_the_process_that_is_sending(worker: Worker) -> None:
    (pid,) = worker.pool_pids()
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: pid not in worker.pool_pids(), what="the pool process to die")


def all_sent(messages: list[Message], last_dispatch: list[float]) -> bool:
    """Whether every message is recorded sent; meanwhile asks for a dispatch each second, as beat would."""
    if time.monotonic() - last_dispatch[0] > 1:
        last_dispatch[0] = time.monotonic()
        dispatch_outbox.delay()
    return Message.objects.filter(pk__in=[m.pk for m in messages], status=Message.Status.SENT).count() == len(
        messages
    )


def test_killing_the_worker_mid_send_duplicates_at_most_one_email_per_kill(settings: object) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    purge_queues("celery")
    messages = [
        Message.objects.create(recipient=f"pat{n}@example.test", subject="Hello", body="Hi", kind="test")
        for n in range(5)
    ]
    with smtp_sink(hold_first=KILLS) as (sink, port):
        mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(port), "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT)}
        with celery_worker(queues=["celery"], concurrency=1, **mail) as worker:
            assert publish(queue=settings.CELERY_TASK_DEFAULT_QUEUE, message_pks=[m.pk for m in messages])
            for kill in range(KILLS):
                # The server has the whole message; the worker waits for its "250": kill it now.
                wait_until(lambda n=kill: len(sink.holds) > n, timeout=WAIT_SECONDS, what="a send to be held")
                kill_the_process_that_is_sending(worker)
                sink.holds[kill].set()
            last_dispatch = [0.0]
            wait_until(lambda: all_sent(messages, last_dispatch), timeout=WAIT_SECONDS, what="all sent")

    received = Counter(sink.received)
    assert set(received) == {message_id(m) for m in messages}
    assert 1 <= sum(received.values()) - len(messages) <= KILLS
