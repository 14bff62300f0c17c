"""/healthz: status for anyone, the backlog for monitoring only, 503 when the database is down."""

import socket
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from outbox.models import Message
from screening.models import CrisisAlert
from tests.factories import DraftIntakeFactory
from tests.faults import black_hole

pytestmark = pytest.mark.django_db
TOKEN = "monitoring-secret"


@pytest.fixture(autouse=True)
def monitoring_token(settings: object) -> None:
    settings.HEALTHZ_TOKEN = TOKEN


def health(token: str | None = None) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = Client().get("/healthz", headers=headers)
    assert response["Content-Type"] == "application/json" and "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_anyone_sees_whether_the_database_and_broker_answer_and_nothing_else(settings: object) -> None:
    settings.CELERY_BROKER_URL = ""
    DraftIntakeFactory()
    assert health() == (200, {"status": "ok", "database": "ok", "broker": "not used"})
    assert health("a-wrong-token") == (200, {"status": "ok", "database": "ok", "broker": "not used"})


def test_monitoring_with_the_token_also_sees_the_email_and_crisis_alert_backlog(settings: object) -> None:
    settings.CELERY_BROKER_URL = ""
    now = timezone.now()
    with time_machine.travel(now - timedelta(minutes=7)):
        Message.objects.create(recipient="a@example.test", subject="S", body="B", kind="test")
    Message.objects.create(recipient="b@example.test", subject="S", body="", kind="test", status="failed")
    CrisisAlert.objects.create(intake=DraftIntakeFactory(), source="unsent_intake", raised_at=now)

    status, body = health(TOKEN)

    assert status == 200
    assert body["outbox_failed"] == 1 and body["crisis_alerts_unacknowledged"] == 1
    assert 7 * 60 <= body["outbox_oldest_pending_seconds"] < 8 * 60


def test_a_broker_that_refuses_or_never_answers_is_reported_down_and_the_site_stays_in_service(
    settings: object,
) -> None:
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    assert health() == (200, {"status": "ok", "database": "ok", "broker": "down"})
    with black_hole() as frozen:
        settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{frozen.port}/0"
        assert health() == (200, {"status": "ok", "database": "ok", "broker": "down"})
        assert len(frozen.accepted) == 1


@pytest.mark.redis
def test_the_real_broker_is_reported_up() -> None:
    assert health()[1]["broker"] == "ok"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_with_the_database_down_it_answers_503_without_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", closed_port())
    try:
        status, body = health(TOKEN)
    finally:
        connection.close()
    assert (status, body["status"], body["database"]) == (503, "down", "down")
    assert "outbox_failed" not in body and "crisis_alerts_unacknowledged" not in body
