"""No request waits on the broker: a request's emails are published once, after its response, at most."""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse

from outbox import publishing, tasks  # noqa: F401 (tasks registered before the test app replaces the default)
from outbox.models import Message
from patients.models import Intake
from tests.factories import UserFactory
from tests.faults import BlackHole, black_hole, celery_publishing_to
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
BROKER_SEEN_BY_RESPONSE: list[int] = []


class RecordBrokerConnectionsAtResponse:
    """Outermost middleware: how many broker connections there were when the response was complete."""

    hole: BlackHole | None = None

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        BROKER_SEEN_BY_RESPONSE.append(len(self.hole.accepted))
        return response


@pytest.fixture
def frozen_broker(settings: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[BlackHole]:
    """The app publishes to a broker that accepts connections and never answers (real Celery, not eager)."""
    with black_hole() as hole:
        settings.MIDDLEWARE = [f"{__name__}.RecordBrokerConnectionsAtResponse", *settings.MIDDLEWARE]
        monkeypatch.setattr(RecordBrokerConnectionsAtResponse, "hole", hole)
        BROKER_SEEN_BY_RESPONSE.clear()
        hung = f"redis://127.0.0.1:{hole.port}/0"
        with celery_publishing_to(hung, settings, monkeypatch, "clinic-frozen-broker"):
            yield hole


def patient_at_the_suicide_screen() -> tuple[Client, Intake]:
    patient = UserFactory(role="patient")
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), completed_steps=[])
    client = Client()
    client.force_login(patient)
    return client, intake


def save_suicide_screen(client: Client, intake: Intake, answers: dict) -> HttpResponse:
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "suicide-screen"})
    return client.post(url, step_data("suicide-screen", complete_answers(**answers)), follow=True)


def test_a_high_risk_answer_shows_crisis_help_and_queues_16_alerts_with_one_publish_after_the_response(
    frozen_broker: BlackHole,
) -> None:
    staff = [UserFactory(role="clinician" if n % 2 else "admin") for n in range(16)]  # nobody on call
    client, intake = patient_at_the_suicide_screen()

    response = save_suicide_screen(client, intake, HIGH_RISK)

    page = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain
    assert '<section id="crisis-panel" class' in page and "call or text 988" in page
    alerts = Message.objects.filter(kind="crisis-alert")
    assert sorted(alerts.values_list("recipient", flat=True)) == sorted(user.email for user in staff)
    assert set(alerts.values_list("status", "attempts")) == {(Message.Status.PENDING, 0)}
    # The save and the page after it were complete before the broker was touched; then one publish.
    assert BROKER_SEEN_BY_RESPONSE == [0, 1]
    assert len(frozen_broker.accepted) == 1


def test_after_a_failed_publish_no_request_tries_the_broker_until_the_breaker_closes(
    frozen_broker: BlackHole,
) -> None:
    for _ in range(3):
        response = Client().post(reverse("accounts:password-reset"), {"email": UserFactory().email})
        assert response.status_code == 302

    assert Message.objects.filter(status=Message.Status.PENDING).count() == 3
    assert len(frozen_broker.accepted) == 1
    assert publishing.breaker_open()


def test_the_breaker_one_process_opens_is_open_in_every_other_process_on_the_host(
    frozen_broker: BlackHole,
) -> None:
    assert not publishing.breaker_open()
    env = {**os.environ, "CELERY_BROKER_URL": f"redis://127.0.0.1:{frozen_broker.port}/0", "DEBUG": "1"}
    code = "from outbox.publishing import open_breaker; open_breaker()"
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)
    assert publishing.breaker_open()
