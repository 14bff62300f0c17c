"""Hand outbox messages to Celery without making anyone wait on the broker.

Inside a request the messages it committed are collected and published when the response has been sent
(Django's `request_finished`), one publish per queue however many messages there are. Elsewhere (a task,
a command) they are published on commit. A publish tries once with the broker's short timeouts; a
failure opens a circuit breaker shared by every process on the host (the modification time of a file),
so for BREAKER_SECONDS nobody tries again and the periodic dispatcher sends what is left pending.

Each thread keeps its broker connection (and the queues it declared) from one publish to the next; a
failed publish closes it, so the next one after the breaker connects afresh, and one left idle for
IDLE_SECONDS is replaced. A forked child (a gunicorn worker of a preloaded master) forgets its parent's
connection and makes its own.
"""

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from celery import Celery
from django.conf import settings
from kombu import Connection, Producer

logger = logging.getLogger(__name__)
BREAKER_SECONDS = 30
# One try, and a second at most for a broker that accepts the connection and never answers: the process
# that publishes (a gunicorn worker, once its response is sent) is not free for the next request until then.
QUICK = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 1}
# A kept connection unused this long is replaced, not trusted: a broker restart closes it visibly, but a
# firewall or NAT may drop an idle one silently, and its first publish would time out and open the breaker.
IDLE_SECONDS = 60
_request = threading.local()
_kept = threading.local()  # .publisher: this thread's Publisher, or None


@dataclass
class Publisher:
    """A broker connection kept by one thread, with the producer that publishes on it."""

    app: Celery
    connection: Connection
    producer: Producer
    used_at: float = field(default_factory=time.monotonic)

    def fits(self, app: Celery) -> bool:
        """Whether the next publish on `app` may use this connection (same app, not idle too long)."""
        return self.app is app and time.monotonic() - self.used_at < IDLE_SECONDS


def queue_for(kind: str) -> str:
    """The Celery queue that delivers messages of `kind` (crisis alerts have a queue of their own)."""
    return settings.OUTBOX_QUEUES.get(kind, settings.CELERY_TASK_DEFAULT_QUEUE)


def publish_after_commit(*, message_pk: int, queue: str) -> None:
    """Publish a committed message now, or after the response when a request is under way."""
    batches = getattr(_request, "batches", None)
    if batches is None:
        publish(queue=queue, message_pks=[message_pk])
    else:
        batches.setdefault(queue, []).append(message_pk)


def start_collecting(**kwargs: object) -> None:
    """A request begins (request_started): collect its messages instead of publishing them."""
    _request.batches = {}


def publish_collected(**kwargs: object) -> None:
    """The response has been sent (request_finished): publish what the request committed."""
    batches, _request.batches = getattr(_request, "batches", None) or {}, None
    for queue, message_pks in batches.items():
        publish(queue=queue, message_pks=message_pks)


def publish(*, queue: str, message_pks: list[int]) -> bool:
    """One publish for these messages, unless the breaker is open; False leaves them to the dispatcher."""
    from outbox.tasks import deliver_messages

    app = deliver_messages.app
    if app.conf.task_always_eager:  # development and tests: delivered here and now
        deliver_messages.apply_async((message_pks,), queue=queue)
        return True
    if breaker_open():
        logger.warning("outbox: broker down lately; %s message(s) left to the dispatcher", len(message_pks))
        return False
    try:
        deliver_messages.apply_async((message_pks,), queue=queue, retry=False, producer=kept_producer(app))
    except Exception:  # broker outage: the rows stay pending, nothing is lost
        drop_connection()
        open_breaker()
        logger.warning("outbox: could not publish %s message(s); they stay pending", len(message_pks))
        return False
    return True


def kept_producer(app: Celery) -> Producer:
    """This thread's producer on `app`'s broker: made (not yet connected) on first use, then kept."""
    kept = getattr(_kept, "publisher", None)
    if kept is None or not kept.fits(app):
        drop_connection()
        connection = app.connection_for_write(transport_options=QUICK)
        kept = Publisher(app, connection, app.amqp.Producer(connection, auto_declare=False))
        _kept.publisher = kept
    kept.used_at = time.monotonic()
    return kept.producer


def drop_connection() -> None:
    """Close and forget this thread's broker connection (after a failure); the next publish makes one."""
    kept, _kept.publisher = getattr(_kept, "publisher", None), None
    if kept is not None:
        with contextlib.suppress(Exception):  # a broken connection may fail to close: it is gone either way
            kept.connection.release()


def forget_parent_connections() -> None:
    """In a forked child: the parent's sockets are the parent's; drop them unclosed, connect afresh."""
    global _kept
    _kept = threading.local()


os.register_at_fork(after_in_child=forget_parent_connections)


def breaker_file() -> Path:
    """The file whose modification time is the last publish failure, one per broker address."""
    from outbox.tasks import deliver_messages

    digest = hashlib.sha256(str(deliver_messages.app.conf.broker_url).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"clinic-outbox-breaker-{digest}"


def breaker_open() -> bool:
    """Whether a publish failed in the last BREAKER_SECONDS, in any process of this host."""
    try:
        return time.time() - breaker_file().stat().st_mtime < BREAKER_SECONDS
    except FileNotFoundError:
        return False


def open_breaker() -> None:
    breaker_file().touch()
