"""Decisions: clearance only when every precondition holds, routes, declining, asking for more."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from outbox.models import Message
from patients.models import Intake, PatientMessage
from review import services
from review.models import Claim, Decision, ReviewSettings
from review.services.decisions import CLEARED_MESSAGE
from screening.models import CrisisAlert
from tests.factories import UserFactory
from tests.patients.answers import complete_answers
from tests.review.cases import EXCLUSION, NOW, PRECAUTION, URGENT, flag, screened_case

pytestmark = pytest.mark.django_db
ANEURYSM, BP = "CARDIO_ANEURYSM_AVM", "CARDIO_BP_ELEVATED"


def settle_alert(intake: Intake, by: object, kind: str = "contacted") -> None:
    retry = NOW + timedelta(hours=2) if kind == "not_reached" else None
    services.record_alert_disposition(
        alert=CrisisAlert.objects.get(intake=intake), by=by, kind=kind, note="Call made", retry_at=retry
    )


def override(intake: Intake, by: object) -> None:
    services.override_flag(
        flag=flag(intake, ANEURYSM), by=by, reason="condition_resolved", note="Repaired 2019"
    )


def test_a_case_without_flags_can_be_cleared_at_once() -> None:
    assert services.clearance_blockers(screened_case()) == []


def test_an_alert_without_a_recorded_outcome_blocks_clearance(casey: object) -> None:
    intake = screened_case(**URGENT)
    [blocker] = services.clearance_blockers(intake)
    assert (
        blocker.startswith("The urgent alert of June 15, 12:00") and "no outcome has been recorded" in blocker
    )


def test_could_not_reach_alone_still_blocks_clearance_and_a_final_outcome_lifts_it(casey: object) -> None:
    intake = screened_case(**URGENT)
    settle_alert(intake, casey, kind="not_reached")
    assert ["not been reached yet" in blocker for blocker in services.clearance_blockers(intake)] == [True]
    settle_alert(intake, casey, kind="referred")
    assert services.clearance_blockers(intake) == []


def test_an_acknowledgement_on_the_alert_page_alone_does_not_lift_the_block(casey: object) -> None:
    from screening.services import acknowledge_alert

    intake = screened_case(**URGENT)
    acknowledge_alert(alert=CrisisAlert.objects.get(intake=intake), by=casey)
    assert len(services.clearance_blockers(intake)) == 1


def test_an_exclusion_not_overridden_blocks_clearance() -> None:
    assert services.clearance_blockers(screened_case(**EXCLUSION)) == [
        "CARDIO_ANEURYSM_AVM: the exclusion has not been overridden."
    ]


def test_an_override_without_its_co_signature_blocks_clearance(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    override(intake, casey)
    assert services.clearance_blockers(intake) == [
        "CARDIO_ANEURYSM_AVM: the override needs a second clinician's co-signature."
    ]
    services.cosign_override(flag=flag(intake, ANEURYSM), by=corey)
    assert services.clearance_blockers(intake) == []


def test_without_the_co_signature_setting_an_override_alone_is_enough(casey: object) -> None:
    ReviewSettings.objects.update(cosignature_required=False)
    intake = screened_case(**EXCLUSION)
    override(intake, casey)
    assert services.clearance_blockers(intake) == []


def test_a_precaution_not_acknowledged_blocks_clearance(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    assert services.clearance_blockers(intake) == [
        "CARDIO_BP_ELEVATED: the precaution has not been acknowledged."
    ]
    services.acknowledge_flag(flag=flag(intake, BP), by=casey)
    assert services.clearance_blockers(intake) == []


def test_information_flags_never_block_clearance() -> None:
    assert services.clearance_blockers(screened_case(ptsd_dx="yes", has_escort_transport="no")) == []


def test_only_a_case_waiting_for_review_can_be_cleared() -> None:
    intake = screened_case()
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.MORE_INFO_REQUESTED)
    intake.refresh_from_db()
    assert services.clearance_blockers(intake) == [
        "The case is more information requested: only a case waiting for review is cleared."
    ]


def test_clearing_records_routes_and_conditions_tells_the_patient_and_frees_the_claim(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    services.acknowledge_flag(flag=flag(intake, BP), by=casey)
    decision = services.clear_case(
        intake=intake,
        by=casey,
        routes=["esketamine_nasal_spray", "iv_infusion"],
        conditions=" BP re-check before first dose ",
    )
    intake.refresh_from_db()
    assert intake.status == Intake.Status.CLEARED
    assert (decision.kind, decision.routes, decision.conditions, decision.by) == (
        "clear",
        ["iv_infusion", "esketamine_nasal_spray"],
        "BP re-check before first dose",
        casey,
    )
    assert PatientMessage.objects.get(intake=intake).body == CLEARED_MESSAGE
    assert Message.objects.filter(recipient=intake.patient.email, kind="intake-update").count() == 1
    assert not Claim.objects.exists()
    assert list(intake.status_changes.values_list("to_status", flat=True)) == ["in_review", "cleared"]


def test_clearing_is_refused_with_every_remaining_blocker_and_changes_nothing(casey: object) -> None:
    intake = screened_case(**EXCLUSION, **PRECAUTION)
    with pytest.raises(ValidationError) as refused:
        services.clear_case(intake=intake, by=casey, routes=["iv_infusion"])
    assert len(refused.value.messages) == 2
    intake.refresh_from_db()
    assert intake.status == Intake.Status.SUBMITTED
    assert (
        not Decision.objects.exists() and not PatientMessage.objects.exists() and not Claim.objects.exists()
    )


@pytest.mark.parametrize("routes", [[], ["teleport"]])
def test_clearing_needs_routes_from_the_list(casey: object, routes: list) -> None:
    with pytest.raises(ValidationError, match="route"):
        services.clear_case(intake=screened_case(), by=casey, routes=routes)


@pytest.mark.parametrize(
    ("transport", "support", "allowed"),
    [
        ("yes", "yes", True),
        ("yes", "no", False),
        ("no", "yes", False),
        ("yes", "unsure", False),
        ("yes", None, False),
    ],
)
def test_at_home_is_cleared_only_with_a_ride_home_and_a_support_person(
    casey: object, transport: str, support: str | None, allowed: bool
) -> None:
    intake = screened_case()
    Intake.objects.filter(pk=intake.pk).update(
        answers=complete_answers(has_escort_transport=transport, has_support_person=support)
    )
    intake.refresh_from_db()
    assert services.at_home_possible(intake) is allowed
    if allowed:
        assert services.clear_case(intake=intake, by=casey, routes=["at_home"]).routes == ["at_home"]
    else:
        with pytest.raises(ValidationError, match="support person"):
            services.clear_case(intake=intake, by=casey, routes=["at_home", "iv_infusion"])
        assert services.clear_case(intake=intake, by=casey, routes=["iv_infusion"]).routes == ["iv_infusion"]


def test_clearing_is_refused_while_another_clinician_holds_the_case(casey: object, corey: object) -> None:
    intake = screened_case()
    services.claim_case(intake=intake, by=corey)
    with pytest.raises(ValidationError, match="Corey Cosigner is reviewing"):
        services.clear_case(intake=intake, by=casey, routes=["iv_infusion"])


def test_declining_sends_the_patient_a_message_and_keeps_the_reason_internal(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    decision = services.decline_case(
        intake=intake,
        by=casey,
        patient_message="We cannot offer treatment.",
        internal_reason="Unrepaired aneurysm",
    )
    intake.refresh_from_db()
    assert intake.status == Intake.Status.DECLINED
    assert (decision.patient_message, decision.internal_reason) == (
        "We cannot offer treatment.",
        "Unrepaired aneurysm",
    )
    assert PatientMessage.objects.get().body == "We cannot offer treatment."
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("message", "reason", "field"), [("", "r", "patient_message"), ("m", " ", "internal_reason")]
)
def test_declining_needs_a_message_and_a_reason(casey: object, message: str, reason: str, field: str) -> None:
    intake = screened_case()
    with pytest.raises(ValidationError) as refused:
        services.decline_case(intake=intake, by=casey, patient_message=message, internal_reason=reason)
    assert field in refused.value.message_dict
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.SUBMITTED


def test_a_decided_case_cannot_be_decided_again(casey: object) -> None:
    intake = screened_case()
    services.decline_case(intake=intake, by=casey, patient_message="m", internal_reason="r")
    with pytest.raises(ValidationError):
        services.clear_case(intake=intake, by=casey, routes=["iv_infusion"])
    with pytest.raises(ValidationError):
        services.decline_case(intake=intake, by=casey, patient_message="m", internal_reason="r")
    with pytest.raises(ValidationError):
        services.request_more_information(intake=intake, by=casey, steps=["heart"], message="m")
    assert Decision.objects.count() == 1


def test_asking_for_more_reopens_the_chosen_steps_messages_the_patient_and_keeps_the_claim(
    casey: object,
) -> None:
    intake = screened_case(**PRECAUTION)
    decision = services.request_more_information(
        intake=intake, by=casey, steps=["medicines", "heart"], message="Please give a recent blood pressure."
    )
    intake.refresh_from_db()
    assert intake.status == Intake.Status.MORE_INFO_REQUESTED
    assert intake.reopened_steps == decision.reopened_steps == ["heart", "medicines"]
    assert "heart" not in intake.completed_steps and "medicines" not in intake.completed_steps
    assert PatientMessage.objects.get().kind == "more_info"
    assert Message.objects.filter(recipient=intake.patient.email, kind="intake-update").exists()
    assert Claim.objects.get(intake=intake).clinician == casey


@pytest.mark.parametrize(
    ("steps", "message", "field"),
    [
        ([], "m", "steps"),
        (["review"], "m", "steps"),
        (["no-such-step"], "m", "steps"),
        (["heart"], " ", "message"),
    ],
)
def test_asking_for_more_needs_real_steps_and_a_message(
    casey: object, steps: list, message: str, field: str
) -> None:
    intake = screened_case()
    with pytest.raises(ValidationError) as refused:
        services.request_more_information(intake=intake, by=casey, steps=steps, message=message)
    assert field in refused.value.message_dict
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.SUBMITTED
    assert not Decision.objects.exists() and not PatientMessage.objects.exists()


@pytest.mark.parametrize("role", ["patient", "admin"])
def test_only_a_clinician_decides(role: str) -> None:
    intake, someone = screened_case(), UserFactory(role=role)
    for attempt in (
        lambda: services.clear_case(intake=intake, by=someone, routes=["iv_infusion"]),
        lambda: services.decline_case(intake=intake, by=someone, patient_message="m", internal_reason="r"),
        lambda: services.request_more_information(intake=intake, by=someone, steps=["heart"], message="m"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.SUBMITTED
