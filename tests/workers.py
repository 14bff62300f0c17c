"""Real Celery worker processes for fault tests, on the test database and the configured Redis."""

import os
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from tests.faults import wait_until

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60


def test_database_url() -> str:
    """The URL of the PostgreSQL test database this test process uses."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def purge_queues(*queues: str) -> None:
    """Drop tasks an earlier run left in these queues (they belong to another test database)."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(*queues)


class Worker:
    """A `celery worker` process group started by a test; `pool_pids()` are its prefork children."""

    def __init__(self, process: subprocess.Popen, log: Path) -> None:
        self.process, self.log = process, log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def pool_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        """Ask the worker to finish its tasks and stop (SIGTERM to the main process, as docker stop does)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL the main process and its pool: the whole worker dies at once."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)


@contextmanager
def celery_worker(*, queues: list[str], concurrency: int, **env: str) -> Iterator[Worker]:
    """Start a prefork worker on `queues` with extra environment `env`; it is killed when the block ends."""
    log = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])
    command = [
        sys.executable, "-m", "celery", "-A", "clinic", "worker", "-Q", ",".join(queues),
        "-c", str(concurrency), "-n", f"{queues[0]}-{uuid.uuid4().hex[:8]}@%h", "-l", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]
    environment = {
        **os.environ, "DEBUG": "1", "CONN_MAX_AGE": "0", "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL, **env,
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    worker = Worker(process, log)
    try:
        wait_until(lambda: " ready." in worker.output(), timeout=START_SECONDS, what="the worker to start")
        yield worker
    finally:
        worker.kill()
        process.wait(START_SECONDS)
        log.unlink()
