"""Publishing keeps one broker connection per thread: reused while it works, replaced after a failure, never
shared with a forked child (real Redis behind a relay that counts the connections made to it)."""

import os
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings

from outbox import publishing, tasks  # noqa: F401 (tasks registered before the test app replaces the default)
from tests.faults import Relay, celery_publishing_to, relay

pytestmark = pytest.mark.redis
QUEUE = "outbox-test-kept-connection"


@pytest.fixture
def broker(settings: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[Relay]:
    """The app publishes (for real, not eagerly) to the real Redis through a relay; its queue starts empty."""
    real = urlsplit(settings.CELERY_BROKER_URL)
    queued().delete(QUEUE)
    with relay((real.hostname, real.port or 6379)) as server:
        relayed = f"redis://127.0.0.1:{server.port}{real.path}"
        with celery_publishing_to(relayed, settings, monkeypatch, "clinic-relayed-broker"):
            yield server
        publishing.drop_connection()
    queued().delete(QUEUE)


def queued() -> redis.Redis:
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


def publish(pk: int) -> bool:
    return publishing.publish(queue=QUEUE, message_pks=[pk])


def kept() -> object:
    """The producer (and connection) this thread publishes with."""
    return publishing.kept_producer(tasks.deliver_messages.app)


def test_publishes_reuse_the_connection_the_first_one_made(broker: Relay) -> None:
    assert publish(1)
    made, producer = len(broker.accepted), kept()

    assert publish(2) and publish(3)

    assert made > 0 and len(broker.accepted) == made
    assert kept() is producer
    assert queued().llen(QUEUE) == 3


def test_a_connection_left_idle_is_replaced_before_it_is_trusted_again(
    broker: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert publish(1)
    made = len(broker.accepted)
    monkeypatch.setattr(publishing, "IDLE_SECONDS", 0)  # every pause is too long

    assert publish(2)

    assert len(broker.accepted) > made
    assert queued().llen(QUEUE) == 2


def test_a_failed_publish_drops_the_connection_and_the_first_after_the_breaker_makes_a_new_one(
    broker: Relay,
) -> None:
    assert publish(1)
    made, producer = len(broker.accepted), kept()
    broker.freeze()

    assert not publish(2)  # one quick try on the kept connection, then the breaker
    assert kept() is not producer
    assert publishing.breaker_open() and not publish(3) and len(broker.accepted) == made

    broker.frozen.clear()
    long_ago = time.time() - publishing.BREAKER_SECONDS - 1
    os.utime(publishing.breaker_file(), (long_ago, long_ago))  # the breaker has closed
    assert publish(4)
    assert len(broker.accepted) > made
    assert queued().llen(QUEUE) == 2  # 1 and 4; 2 and 3 stay pending for the dispatcher


def test_a_connection_the_broker_closed_in_between_is_made_again_without_opening_the_breaker(
    broker: Relay,
) -> None:
    assert publish(1)
    made = len(broker.accepted)
    broker.cut()  # e.g. Redis restarted while the worker was idle

    assert publish(2)
    assert not publishing.breaker_open() and len(broker.accepted) > made
    assert queued().llen(QUEUE) == 2


def test_a_forked_child_connects_on_its_own_and_leaves_the_parents_connection_working(
    broker: Relay,
) -> None:
    assert publish(1)
    made_by_parent, producer = len(broker.accepted), kept()

    child = os.fork()
    if child == 0:  # the child publishes once and leaves at once (no test teardown in the child)
        os._exit(0 if kept() is not producer and publish(2) else 1)
    _, status = os.waitpid(child, 0)

    assert os.waitstatus_to_exitcode(status) == 0
    made_by_child = len(broker.accepted) - made_by_parent
    assert made_by_child > 0
    assert publish(3) and kept() is producer  # the parent's own connection, untouched by the child
    assert len(broker.accepted) == made_by_parent + made_by_child
    assert queued().llen(QUEUE) == 3
