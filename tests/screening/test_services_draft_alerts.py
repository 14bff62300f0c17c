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
SUICIDE_RISK = {"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}
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

    alert = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
    assert services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK) is None

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
    services.raise_draft_crisis_alert(intake=DraftIntakeFactory(answers=HIGH_RISK), findings=SUICIDE_RISK)

    assert sorted(Message.objects.values_list("recipient", flat=True)) == ["a@clinic.test", "c@clinic.test"]
    assert CrisisAlert.objects.get().escalated_at is not None


def test_submitting_the_draft_raises_no_second_alert_and_attaches_the_result(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    alert = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
    submit(intake)
    result = services.screen_intake(intake=intake, reason="submitted")

    alert.refresh_from_db()
    assert result.outcome == "URGENT"
    assert CrisisAlert.objects.get() == alert
    assert (alert.result, alert.source, alert.status) == (result, "unsent_intake", "open")
    assert Message.objects.count() == 1


def test_a_later_screening_keeps_the_result_first_attached_to_the_draft_alert(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    alert = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
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
    draft_alert = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
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
        services.raise_draft_crisis_alert(intake=DraftIntakeFactory(answers=HIGH_RISK), findings=SUICIDE_RISK)

    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=14)) == 0
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=15)) == 1
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=30)) == 0

    escalations = Message.objects.filter(kind="crisis-alert-escalated")
    recipients = sorted(escalations.values_list("recipient", flat=True))
    assert recipients == ["admin@clinic.test", "oncall@clinic.test"]
    assert CrisisAlert.objects.get().escalated_at == RAISED + timedelta(minutes=15)


READING = {"bp_systolic": 196, "bp_diastolic": 124, "bp_measured_on": "2026-06-14", "bp_source": "home_cuff"}
BP_CRISIS = {"CARDIO_BP_CRISIS_RANGE": READING}


def test_a_crisis_reading_alerts_on_call_with_the_reading_kept_on_the_alert_and_not_in_the_email(
    on_call: object,
) -> None:
    with time_machine.travel(RAISED, tick=False):
        alert = services.raise_draft_crisis_alert(intake=DraftIntakeFactory(), findings=BP_CRISIS)

    assert alert.reasons == [
        {"code": "CARDIO_BP_CRISIS_RANGE", "evidence": READING, "found_at": RAISED.isoformat()}
    ]
    message = Message.objects.get()
    assert (message.recipient, message.kind) == ("oncall@clinic.test", "crisis-alert")
    sent = (message.subject + message.body).lower()
    for health_information in ("196", "124", "blood", "pressure", "home", "2026-06-14"):
        assert health_information not in sent


def test_a_second_urgent_answer_on_the_same_draft_joins_the_open_alert_without_a_second_message(
    on_call: object,
) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    first = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
    assert services.raise_draft_crisis_alert(intake=intake, findings=BP_CRISIS) is None
    assert services.raise_draft_crisis_alert(intake=intake, findings=BP_CRISIS) is None

    alert = CrisisAlert.objects.get()
    assert alert == first
    assert [reason["code"] for reason in alert.reasons] == ["SI_CSSRS_HIGH", "CARDIO_BP_CRISIS_RANGE"]
    assert Message.objects.count() == 1


def test_an_urgent_answer_after_the_alert_was_acknowledged_opens_a_new_alert(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    services.acknowledge_alert(alert=services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK),
                               by=on_call)
    second = services.raise_draft_crisis_alert(intake=intake, findings=BP_CRISIS)

    assert second.is_open and [reason["code"] for reason in second.reasons] == ["CARDIO_BP_CRISIS_RANGE"]
    assert Message.objects.count() == 2


def test_no_findings_raise_no_alert() -> None:
    assert services.raise_draft_crisis_alert(intake=DraftIntakeFactory(), findings={}) is None
    assert not CrisisAlert.objects.exists() and not Message.objects.exists()
