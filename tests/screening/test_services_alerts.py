"""Crisis alerts are per patient (screening/services/alerts.py): found missing by `make mutation`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox.models import Message
from screening import services
from screening.models import ClinicSettings, CrisisAlert
from tests.factories import DraftIntakeFactory, IntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db

SUICIDE_RISK = {"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}
HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}


@pytest.fixture
def on_call() -> object:
    clinician = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get().on_call.add(clinician)
    return clinician


def test_an_open_alert_for_one_patient_does_not_silence_another_patients_urgent_screening(
    on_call: object,
) -> None:
    first, second = (IntakeFactory(document=make_document(**HIGH_RISK)) for _ in range(2))

    services.screen_intake(intake=first, reason="submitted")
    services.screen_intake(intake=second, reason="submitted")

    assert sorted(CrisisAlert.objects.values_list("intake", flat=True)) == sorted([first.pk, second.pk])
    assert Message.objects.filter(kind="crisis-alert").count() == 2


def test_an_open_alert_for_one_patient_does_not_silence_another_patients_unsent_crisis_answer(
    on_call: object,
) -> None:
    first, second = (DraftIntakeFactory(answers=HIGH_RISK) for _ in range(2))

    assert services.raise_draft_crisis_alert(intake=first, findings=SUICIDE_RISK) is not None
    assert services.raise_draft_crisis_alert(intake=second, findings=SUICIDE_RISK) is not None
    assert Message.objects.filter(kind="crisis-alert").count() == 2


def test_a_new_crisis_answer_after_the_alert_was_acknowledged_opens_a_new_alert(on_call: object) -> None:
    intake = DraftIntakeFactory(answers=HIGH_RISK)
    first = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)
    services.acknowledge_alert(alert=first, by=on_call)

    second = services.raise_draft_crisis_alert(intake=intake, findings=SUICIDE_RISK)

    assert second is not None and second.pk != first.pk
    assert second.status == CrisisAlert.Status.OPEN


def test_the_alert_link_has_one_slash_when_site_url_ends_with_one(on_call: object, settings: object) -> None:
    settings.SITE_URL = "https://intake.example.org/"

    alert = services.raise_draft_crisis_alert(
        intake=DraftIntakeFactory(answers=HIGH_RISK), findings=SUICIDE_RISK
    )

    assert f"https://intake.example.org/screening/alerts/{alert.pk}/" in Message.objects.get().body


def test_the_alert_greets_the_clinician_by_name_and_the_escalation_says_nobody_acknowledged_it(
    on_call: object,
) -> None:
    UserFactory(role="admin", email="admin@clinic.test", first_name="Ada")
    alert = services.raise_draft_crisis_alert(
        intake=DraftIntakeFactory(answers=HIGH_RISK), findings=SUICIDE_RISK
    )
    CrisisAlert.objects.filter(pk=alert.pk).update(raised_at=alert.raised_at - timedelta(hours=1))

    services.escalate_overdue_alerts(now=timezone.now())

    first = Message.objects.get(kind="crisis-alert")
    assert first.body.startswith(f"Hello {on_call.first_name},")
    assert "has not been acknowledged yet" not in first.body
    escalation = Message.objects.get(kind="crisis-alert-escalated", recipient="admin@clinic.test")
    assert escalation.body.startswith("Hello Ada,")
    assert "An urgent intake has not been acknowledged yet." in escalation.body
