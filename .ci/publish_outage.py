"""Print how long `.delay()` takes to give up when the broker refuses connections or never answers."""

import os
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from celery import Celery  # noqa: E402
from celery.contrib.testing.app import setup_default_app  # noqa: E402

from outbox.tasks import deliver_message  # noqa: E402


def seconds_to_give_up(broker_url: str) -> tuple[float, str]:
    """Publish one task to `broker_url` with the project's settings; returns (seconds, outcome)."""
    os.environ["CELERY_BROKER_URL"] = broker_url  # Celery reads it before any setting
    app = Celery("publish-outage", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.task_always_eager = False
    with setup_default_app(app):
        app.set_current()
        app.set_default()
        started = time.perf_counter()
        try:
            deliver_message.delay(0)
        except Exception as exc:  # the outcome is what this script reports
            return time.perf_counter() - started, type(exc).__name__
        return time.perf_counter() - started, "published"


def main() -> None:
    with socket.socket() as closed, socket.socket() as frozen:
        closed.bind(("127.0.0.1", 0))
        closed_port = closed.getsockname()[1]
        closed.close()
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(0)  # accepts the TCP handshake, never answers: a hung broker
        brokers = (("refused (Redis stopped)", closed_port), ("frozen (Redis hung)", frozen.getsockname()[1]))
        for label, port in brokers:
            seconds, outcome = seconds_to_give_up(f"redis://127.0.0.1:{port}/0")
            print(f"publish with broker {label:<24} gave up in {seconds:6.3f} s ({outcome})")


if __name__ == "__main__":
    main()
