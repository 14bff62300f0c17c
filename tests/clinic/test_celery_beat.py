"""A real Celery beat and worker escalate a crisis alert nobody acknowledged, with nobody calling the task."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from outbox.models import Message
from screening import services
from screening.models import ClinicSettings, CrisisAlert
from screening.services.alerts import ESCALATION_SUBJECT
from tests.clinic.processes import CeleryProcess, celery_env, purge_broker, wait_until
from tests.factories import DraftIntakeFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
STAFF = ["admin@clinic.test", "oncall@clinic.test", "second@clinic.test"]


@pytest.fixture
def beat_and_worker(tmp_path: Path) -> Iterator[tuple[CeleryProcess, CeleryProcess]]:
    """`celery -A clinic beat` checking for overdue alerts every second, and `celery -A clinic worker`."""
    purge_broker()
    env = celery_env(ALERT_ESCALATION_CHECK_SECONDS="1")
    # Escalations and their emails go to the crisis queue (settings.CRISIS_QUEUE); other mail to the default.
    queues = f"{settings.CELERY_TASK_DEFAULT_QUEUE},{settings.CRISIS_QUEUE}"
    worker = CeleryProcess("worker", "--pool", "solo", "--loglevel", "INFO", "--hostname", "escalation@%h",
                           "-Q", queues, log=tmp_path / "worker.log", env=env)
    beat = CeleryProcess("beat", "--loglevel", "INFO", "--schedule", str(tmp_path / "beat-schedule"),
                         log=tmp_path / "beat.log", env=env)
    try:
        yield beat, worker
    finally:
        beat.stop()
        worker.stop()
        purge_broker()


def open_alert_whose_window_ends_in(seconds: int) -> CrisisAlert:
    """An alert raised for a draft's crisis answer, dated so the admins' window ends `seconds` from now."""
    on_call = UserFactory(role="clinician", email="oncall@clinic.test")
    UserFactory(role="clinician", email="second@clinic.test")
    UserFactory(role="admin", email="admin@clinic.test")
    clinic_settings = ClinicSettings.objects.get_or_create(singleton=True)[0]
    clinic_settings.on_call.add(on_call)
    alert = services.raise_draft_crisis_alert(
        intake=DraftIntakeFactory(answers=HIGH_RISK), findings={"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}
    )
    window = timedelta(minutes=clinic_settings.alert_ack_minutes)
    CrisisAlert.objects.filter(pk=alert.pk).update(
        raised_at=timezone.now() - window + timedelta(seconds=seconds)
    )
    alert.refresh_from_db()
    return alert


def escalation_emails_sent() -> list[Message]:
    sent = Message.objects.filter(kind="crisis-alert-escalated", status=Message.Status.SENT)
    return list(sent.order_by("recipient"))


def test_beat_and_a_worker_escalate_an_alert_nobody_acknowledged_in_time_to_every_clinician_and_admin(
    beat_and_worker: tuple[CeleryProcess, CeleryProcess],
) -> None:
    beat, worker = beat_and_worker
    alert = open_alert_whose_window_ends_in(seconds=3)
    window_end = alert.raised_at + timedelta(minutes=ClinicSettings.objects.get().alert_ack_minutes)

    escalated_at = wait_until(
        lambda: CrisisAlert.objects.get(pk=alert.pk).escalated_at, "beat to escalate the alert", beat, worker
    )
    emails = wait_until(
        lambda: len(escalation_emails_sent()) == len(STAFF) and escalation_emails_sent(),
        "the worker to send the escalation emails", beat, worker,
    )

    assert escalated_at >= window_end
    assert CrisisAlert.objects.get(pk=alert.pk).status == CrisisAlert.Status.OPEN
    assert [email.recipient for email in emails] == STAFF
    assert {email.subject for email in emails} == {ESCALATION_SUBJECT}
    printed = worker.output()  # the worker's backend prints each message it sends; the outbox keeps no body
    assert printed.count(f"/screening/alerts/{alert.pk}/") == len(STAFF)
    assert [to for to in STAFF if f"To: {to}" in printed] == STAFF
    assert printed.count(f"Subject: {ESCALATION_SUBJECT}") == len(STAFF)
    assert "Sending due task escalate-alerts (screening.tasks.escalate_overdue_alerts)" in beat.output()
