from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from outbox.models import Message
from screening import services
from screening.document import InvalidDocument
from screening.models import ClinicSettings, CrisisAlert, MedicationName, ScreeningChange, ScreeningResult
from screening.models.clinic import DEFAULT_BP_WARNING_TEXT, DEFAULT_CRISIS_TEXT
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document
from tests.services import clinical_spec

pytestmark = pytest.mark.django_db

URGENT_ANSWERS = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
RAISED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def screen_urgent_intake() -> ScreeningResult:
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    return services.screen_intake(intake=intake, reason="submitted")


def medication(name: str) -> dict:
    return {"name": name, "dose": "", "frequency": ""}


@pytest.fixture
def on_call() -> object:
    clinician = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get().on_call.add(clinician)
    return clinician


def test_screening_an_intake_stores_the_flags_as_shown_and_marks_the_result_current() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150))
    result = services.screen_intake(intake=intake, reason="submitted")
    assert (result.outcome, result.ruleset_version, result.is_current) == ("REVIEW", "2026.2", True)
    flag = result.flags.get()
    assert (flag.code, flag.severity, flag.review_state) == ("CARDIO_BP_ELEVATED", "PRECAUTION", "open")
    assert flag.evidence == {"bp_systolic": 150, "bp_diastolic": 80}
    assert "SPRAVATO-PI §5.6" in flag.sources
    assert "140/90" in flag.rationale
    assert result.scores["phq9"] == {"total": 8, "band": "mild"}


def test_an_invalid_document_is_refused_and_nothing_is_stored() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic="high"))
    with pytest.raises(InvalidDocument) as caught:
        services.screen_intake(intake=intake, reason="submitted")
    assert caught.value.errors[0].field == "bp_systolic"
    assert not ScreeningResult.objects.exists()


def test_screening_again_records_flags_added_removed_and_the_outcome_change() -> None:
    intake = IntakeFactory(document=make_document(medications=[medication("zyrtec")]))
    first = services.screen_intake(intake=intake, reason="submitted")
    intake.document = make_document(bp_systolic=150)
    second = services.screen_intake(intake=intake, reason="answers_changed")

    first.refresh_from_db()
    assert not first.is_current and second.is_current
    change = ScreeningChange.objects.get()
    assert (change.previous, change.new, change.reason) == (first, second, "answers_changed")
    assert change.flags_added == ["CARDIO_BP_ELEVATED"]
    assert change.flags_removed == ["MED_UNRECOGNIZED"]
    assert (change.outcome_before, change.outcome_after) == ("ELIGIBLE", "REVIEW")


def test_a_review_carries_over_when_the_same_flag_fires_on_the_same_evidence() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150, medications=[medication("zyrtec")]))
    clinician = UserFactory(role="clinician")
    first = services.screen_intake(intake=intake, reason="submitted")
    first.flags.filter(code="CARDIO_BP_ELEVATED").update(
        review_state="overridden", review_reason="Rechecked in clinic: 128/80", reviewed_by=clinician,
        reviewed_at=RAISED, override_reason="patient_clarified",
    )
    intake.document = make_document(bp_systolic=150)
    second = services.screen_intake(intake=intake, reason="answers_changed")

    carried = second.flags.get(code="CARDIO_BP_ELEVATED")
    assert (carried.review_state, carried.reviewed_by, carried.review_reason) == (
        "overridden", clinician, "Rechecked in clinic: 128/80"
    )
    assert ScreeningChange.objects.get().flags_changed == []


def test_a_review_is_reopened_when_the_evidence_changes() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150))
    first = services.screen_intake(intake=intake, reason="submitted")
    reviewer = UserFactory(role="clinician")
    first.flags.update(review_state="acknowledged", reviewed_by=reviewer, reviewed_at=RAISED)
    intake.document = make_document(bp_systolic=165)
    second = services.screen_intake(intake=intake, reason="answers_changed")

    assert second.flags.get().review_state == "open"
    change = ScreeningChange.objects.get()
    assert (change.flags_changed, change.flags_added) == (["CARDIO_BP_ELEVATED"], [])
    assert not change.outcome_changed


def test_an_urgent_screening_alerts_the_on_call_clinician_without_health_information(on_call: object) -> None:
    UserFactory(role="clinician", email="off-duty@clinic.test")
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    result = services.screen_intake(intake=intake, reason="submitted")

    alert = CrisisAlert.objects.get()
    assert (alert.intake, alert.result, alert.status, alert.escalated_at) == (intake, result, "open", None)
    message = Message.objects.get()
    assert message.recipient == "oncall@clinic.test"
    assert message.subject == "An urgent intake needs same-day contact"
    assert f"/screening/alerts/{alert.pk}/" in message.body
    assert "SI_CSSRS" not in message.body and "suicid" not in message.body.lower()
    assert intake.patient.email not in message.body


def test_an_unfinished_suicide_screen_is_stored_as_incomplete_and_alerts_like_high_risk(
    on_call: object,
) -> None:
    document = make_document(cssrs_q1="yes", cssrs_q2="yes", cssrs_q3=None, cssrs_q4=None, cssrs_q5=None)
    result = services.screen_intake(intake=IntakeFactory(document=document), reason="submitted")

    assert (result.outcome, result.scores["cssrs"]) == ("URGENT", {"risk": "incomplete"})
    assert CrisisAlert.objects.get().result == result
    assert Message.objects.get().recipient == "oncall@clinic.test"


def test_a_second_urgent_screening_does_not_raise_another_alert_while_one_is_open(on_call: object) -> None:
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    services.screen_intake(intake=intake, reason="submitted")
    services.screen_intake(intake=intake, reason="manual")
    assert CrisisAlert.objects.count() == 1
    assert Message.objects.count() == 1


def test_screening_again_alerts_again_only_for_an_urgent_finding_the_last_result_did_not_have(
    on_call: object,
) -> None:
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    services.screen_intake(intake=intake, reason="submitted")
    services.acknowledge_alert(alert=CrisisAlert.objects.get(), by=on_call)

    intake.document = make_document(**URGENT_ANSWERS, bp_systolic=150)
    services.screen_intake(intake=intake, reason="answers_changed")
    assert (CrisisAlert.objects.count(), Message.objects.count()) == (1, 1)

    intake.document = make_document(**URGENT_ANSWERS, bp_systolic=190)
    services.screen_intake(intake=intake, reason="answers_changed")
    assert CrisisAlert.objects.filter(status="open").count() == 1
    assert Message.objects.count() == 2


def test_with_nobody_on_call_every_clinician_and_admin_is_alerted_at_once() -> None:
    UserFactory(role="clinician", email="c@clinic.test")
    UserFactory(role="admin", email="a@clinic.test")
    UserFactory(role="clinician", email="gone@clinic.test", is_active=False)
    UserFactory(role="patient", email="p@clinic.test")
    screen_urgent_intake()

    assert sorted(Message.objects.values_list("recipient", flat=True)) == ["a@clinic.test", "c@clinic.test"]
    assert CrisisAlert.objects.get().escalated_at is not None


def test_an_alert_nobody_acknowledges_is_escalated_to_every_clinician_and_admin_once(on_call: object) -> None:
    UserFactory(role="admin", email="admin@clinic.test")
    with time_machine.travel(RAISED, tick=False):
        screen_urgent_intake()

    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=14)) == 0
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=15)) == 1
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=30)) == 0

    escalations = Message.objects.filter(kind="crisis-alert-escalated")
    recipients = sorted(escalations.values_list("recipient", flat=True))
    assert recipients == ["admin@clinic.test", "oncall@clinic.test"]
    assert escalations.first().subject.startswith("Not yet acknowledged")
    assert CrisisAlert.objects.get().escalated_at == RAISED + timedelta(minutes=15)


def test_an_acknowledged_alert_is_not_escalated(on_call: object) -> None:
    with time_machine.travel(RAISED, tick=False):
        screen_urgent_intake()
    with time_machine.travel(RAISED + timedelta(minutes=4), tick=False):
        alert = services.acknowledge_alert(alert=CrisisAlert.objects.get(), by=on_call)

    assert services.escalate_overdue_alerts(now=RAISED + timedelta(hours=1)) == 0
    assert (alert.status, alert.acknowledged_by, alert.time_to_acknowledge) == (
        "acknowledged", on_call, timedelta(minutes=4)
    )


def test_the_escalation_delay_is_the_admins_setting(on_call: object) -> None:
    ClinicSettings.objects.update(alert_ack_minutes=5)
    with time_machine.travel(RAISED, tick=False):
        screen_urgent_intake()
    assert services.escalate_overdue_alerts(now=RAISED + timedelta(minutes=5)) == 1


def test_an_alert_is_acknowledged_once_and_only_by_a_clinician(on_call: object) -> None:
    screen_urgent_intake()
    alert = CrisisAlert.objects.get()
    with pytest.raises(ValidationError, match="Only a clinician"):
        services.acknowledge_alert(alert=alert, by=UserFactory(role="admin"))
    services.acknowledge_alert(alert=alert, by=on_call)
    with pytest.raises(ValidationError, match="already acknowledged"):
        services.acknowledge_alert(alert=alert, by=UserFactory(role="clinician"))


def test_a_deactivated_name_is_no_longer_recognised() -> None:
    assert services.get_matcher().match("xanax").recognized
    xanax = MedicationName.objects.get(name="xanax")
    xanax.is_active = False
    xanax.save()
    assert not services.get_matcher().match("xanax").recognized


def test_the_matcher_is_built_once_while_the_dictionary_is_unchanged() -> None:
    assert services.get_matcher() is services.get_matcher()


def test_the_crisis_text_defaults_to_the_specification_and_follows_the_admins_edit() -> None:
    assert services.get_crisis_text() == DEFAULT_CRISIS_TEXT
    ClinicSettings.objects.update(crisis_text="Call 988 or our clinic line 555-0100.")
    assert services.get_crisis_text() == "Call 988 or our clinic line 555-0100."
    ClinicSettings.objects.all().delete()
    assert services.get_crisis_text() == DEFAULT_CRISIS_TEXT


def test_the_blood_pressure_warning_defaults_to_the_readme_and_follows_the_admins_edit() -> None:
    readme = " ".join(clinical_spec("README.md").read_text(encoding="utf-8").replace("**", "").split())
    assert f'(default text, editable by the clinic\'s admin): "{DEFAULT_BP_WARNING_TEXT}"' in readme
    assert services.get_bp_warning_text() == DEFAULT_BP_WARNING_TEXT
    ClinicSettings.objects.update(bp_warning_text="Very high: call us on 555-0100 today.")
    assert services.get_bp_warning_text() == "Very high: call us on 555-0100 today."


def test_rescreening_stores_nothing_when_the_verdict_is_unchanged() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150))
    services.screen_intake(intake=intake, reason="submitted")
    assert services.rescreen_intakes(intake_ids=[intake.pk], reason="manual") == []
    assert intake.screening_results.count() == 1


def test_rescreening_under_a_new_ruleset_records_the_change() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150))
    old = services.screen_intake(intake=intake, reason="submitted")
    ScreeningResult.objects.filter(pk=old.pk).update(ruleset_version="2025.9")

    [new] = services.rescreen_intakes(intake_ids=[intake.pk], reason="ruleset_changed")
    assert (new.ruleset_version, new.reason, new.is_current) == ("2026.2", "ruleset_changed", True)
    assert new.flags.get().code == "CARDIO_BP_ELEVATED"
    assert ScreeningChange.objects.get().reason == "ruleset_changed"


def test_rescreening_leaves_closed_intakes_alone() -> None:
    intake = IntakeFactory(status="declined", document=make_document(bp_systolic=150))
    assert services.rescreen_intakes(intake_ids=[intake.pk], reason="manual") == []
    assert not intake.screening_results.exists()


def test_outdated_intakes_are_active_ones_screened_by_another_version_or_not_at_all() -> None:
    unscreened = IntakeFactory()
    outdated = IntakeFactory()
    ScreeningResult.objects.filter(pk=services.screen_intake(intake=outdated, reason="submitted").pk).update(
        ruleset_version="2025.9"
    )
    services.screen_intake(intake=IntakeFactory(), reason="submitted")
    IntakeFactory(status="declined")
    assert list(services.outdated_intakes()) == [unscreened, outdated]
