"""Hand outbox messages to Celery without making anyone wait on the broker.

Inside a request the messages it committed are collected and published when the response has been sent
(Django's `request_finished`), one publish per queue however many messages there are. Elsewhere (a task,
a command) they are published on commit. A publish tries once with the broker's short timeouts; a
failure opens a circuit breaker shared by every process on the host (the modification time of a file),
so for BREAKER_SECONDS nobody tries again and the periodic dispatcher sends what is left pending.
"""

import hashlib
import logging
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
BREAKER_SECONDS = 30
# One try, and a second at most for a broker that accepts the connection and never answers: the process
# that publishes (a gunicorn worker, once its response is sent) is not free for the next request until then.
QUICK = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 1}
_request = threading.local()


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
        with app.connection_for_write(transport_options=QUICK) as connection:
            deliver_messages.apply_async((message_pks,), queue=queue, retry=False, connection=connection)
    except Exception:  # broker outage: the rows stay pending, nothing is lost
        open_breaker()
        logger.warning("outbox: could not publish %s message(s); they stay pending", len(message_pks))
        return False
    return True


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
