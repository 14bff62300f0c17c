"""Crisis alerts raised from an unsent intake (screening.services.alerts.raise_draft_crisis_alert)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from outbox.models import Message
from patients.models import Intake
from screening import services
from screening.models import ClinicSettings, CrisisAlert
from tests.factories import DraftIntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db

HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
RAISED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def on_call() -> object:
    clinician = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get().on_call.add(clinician)
    return clinician


def submit(intake: Intake) -> None:
    """What submission does to the row before it screens: freeze the document and mark it sent."""
    intake.status, intake.submitted_at = Intake.Status.SUBMITTED, timezone.now()
    intake.document = make_document(**HIGH_RISK)
    intake.save()


def test_a_draft_crisis_answer_alerts_the_on_call_clinician_once_without_health_information(
    on_call: object,
) -> None:
    UserFactory(role="clinician", email="off-duty@clinic.test")
    intake = DraftIntakeFactory(answers=HIGH_RISK)

    alert = services.raise_draft_crisis_alert(intake=intake)
    assert services.raise_draft_crisis_alert(intake=intake) is None

    assert CrisisAlert.objects.get() == alert
    assert (alert.status, alert.result, alert.source) == ("open", None, "unsent_intake")
    message = Message.objects.get()
    assert (message.recipient, message.kind) == ("oncall@clinic.test", "crisis-alert")
    assert message.subject == "An urgent intake needs same-day contact"
    assert f"/screening/alerts/{alert.pk}/" in message.body
    assert "cssrs" not in message.body.lower() and "suicid" not in message.body.lower()
    assert intake.patient.email not in message.body and intake.patient.last_name not in message.body


def test_with_nobody_on_call_a_draft_alert_goes_to_every_clinician_and_admin_at_once() -> None:
    UserFactory(role="clinician", email="c@clinic.test")
    UserFactory(role="admin", email="a@clinic.test")
    services.raise_draft_crisis_alert(intake=DraftIntakeFactory(answers=HIGH_RISK))

    assert sorted(Message.objects.values_list("recipient", flat=True)) == ["a@clinic.test", "c@clinic.test"]
    assert CrisisAlert.objects.get().escalated_at is not None


def test_submitting_the_draft_raises_no_second_alert_and_attaches_the_result(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    alert = services.raise_draft_crisis_alert(intake=intake)
    submit(intake)
    result = services.screen_intake(intake=intake, reason="submitted")

    alert.refresh_from_db()
    assert result.outcome == "URGENT"
    assert CrisisAlert.objects.get() == alert
    assert (alert.result, alert.source, alert.status) == (result, "unsent_intake", "open")
    assert Message.objects.count() == 1


def test_a_later_screening_keeps_the_result_first_attached_to_the_draft_alert(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    alert = services.raise_draft_crisis_alert(intake=intake)
    submit(intake)
    first = services.screen_intake(intake=intake, reason="submitted")
    services.screen_intake(intake=intake, reason="manual")

    alert.refresh_from_db()
    assert alert.result == first
    assert CrisisAlert.objects.count() == 1


def test_a_draft_alert_acknowledged_before_submission_lets_the_urgent_screening_alert_again(
    on_call: object,
) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    draft_alert = services.raise_draft_crisis_alert(intake=intake)
    services.acknowledge_alert(alert=draft_alert, by=on_call)
    submit(intake)
    result = services.screen_intake(intake=intake, reason="submitted")

    draft_alert.refresh_from_db()
    assert draft_alert.result is None
    new_alert = CrisisAlert.objects.get(status="open")
    assert (new_alert.result, new_alert.source) == (result, "screening")
    assert Message.objects.count() == 2


def test_a_draft_alert_nobody_acknowledges_is_escalated_once(on_call: object) -> None:
    UserFactory(role="admin", email="admin@clinic.test")
    with time_machine.travel(RAISED, tick=False):
        services.raise_draft_crisis_alert(intake=DraftIntakeFactory(answers=HIGH_RISK))

    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=14)) == 0
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=15)) == 1
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=30)) == 0

    escalations = Message.objects.filter(kind="crisis-alert-escalated")
    recipients = sorted(escalations.values_list("recipient", flat=True))
    assert recipients == ["admin@clinic.test", "oncall@clinic.test"]
    assert CrisisAlert.objects.get().escalated_at == RAISED + timedelta(minutes=15)
