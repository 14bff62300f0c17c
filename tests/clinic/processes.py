"""Real Celery workers and beat as separate processes, on the test's own database and Redis broker.

They run `celery -A clinic` exactly as docker-compose does, so they load the schedule, the tasks and the
settings a deployment loads. A separate process cannot see SQLite's in-memory test database, so the
tests that use them are marked `postgres` as well as `redis`, and use a transactional database.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 60.0
POLL_SECONDS = 0.2


def database_url_of_this_test() -> str:
    """A DATABASE_URL for the database this test runs on (the test database, not the configured one)."""
    db = connection.settings_dict
    user, password = quote(db["USER"], safe=""), quote(db["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def celery_env(**extra: str) -> dict[str, str]:
    """The environment of a Celery process: this test's database and broker, emails printed to stdout."""
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url_of_this_test(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CONN_MAX_AGE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


class CeleryProcess:
    """One `celery -A <app> <command>` process whose output goes to a log file."""

    def __init__(self, *args: str, log: Path, app: str = "clinic", env: dict[str, str] | None = None) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", app, *args],
                cwd=ROOT, env=env or celery_env(), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: a kill reaches the pool's children too
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no shutdown, no acknowledgement, no cleanup."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=DEADLINE_SECONDS)

    def stop(self) -> None:
        """Warm shutdown, then a kill if it does not end in time."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until(condition: Callable[[], object], what: str, *processes: CeleryProcess) -> object:
    """Poll `condition` until it returns something truthy; fail with the processes' output at the deadline."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(POLL_SECONDS)
    logs = "\n".join(f"--- {p.log.name} ---\n{p.output()[-4000:]}" for p in processes)
    raise AssertionError(f"gave up after {DEADLINE_SECONDS:.0f} s waiting for {what}\n{logs}")


def purge_broker() -> None:
    """Drop queued and unacknowledged tasks an earlier run left: they name rows of another test database."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queues = (settings.CELERY_TASK_DEFAULT_QUEUE, settings.CRISIS_QUEUE)
    client.delete(*queues, "unacked", "unacked_index", "unacked_mutex")
