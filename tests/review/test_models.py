"""The database itself refuses review records that break the rules, whatever code writes them."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from review.models import AlertDisposition, Claim, Decision, FlagDisposition, Route
from screening.models import CrisisAlert
from tests.review.cases import EXCLUSION, NOW, URGENT, clinician, flag, screened_case

pytestmark = pytest.mark.django_db


def refused(model: type, **fields: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_an_alert_outcome_has_a_note_and_a_retry_time_exactly_when_the_patient_was_not_reached() -> None:
    alert, by = CrisisAlert.objects.get(intake=screened_case(**URGENT)), clinician()
    later = NOW + timedelta(hours=1)
    refused(AlertDisposition, alert=alert, kind="contacted", note="", by=by)
    refused(AlertDisposition, alert=alert, kind="not_reached", note="n", by=by)
    refused(AlertDisposition, alert=alert, kind="referred", note="n", retry_at=later, by=by)
    AlertDisposition.objects.create(alert=alert, kind="not_reached", note="n", retry_at=later, by=by)


def test_an_override_record_has_its_reason_and_note() -> None:
    intake, by = screened_case(**EXCLUSION), clinician()
    fields = {
        "intake": intake,
        "flag": flag(intake, "CARDIO_ANEURYSM_AVM"),
        "code": "CARDIO_ANEURYSM_AVM",
        "severity": "EXCLUSION",
        "kind": "overridden",
        "by": by,
    }
    refused(FlagDisposition, **fields, override_reason="other")
    refused(FlagDisposition, **fields, note="n")
    FlagDisposition.objects.create(**fields, override_reason="other", note="n")


def test_a_decline_has_both_messages_and_a_request_its_message() -> None:
    intake, by = screened_case(), clinician()
    refused(Decision, intake=intake, kind="decline", by=by, patient_message="m")
    refused(Decision, intake=intake, kind="decline", by=by, internal_reason="r")
    refused(Decision, intake=intake, kind="more_info", by=by)
    Decision.objects.create(intake=intake, kind="decline", by=by, patient_message="m", internal_reason="r")


def test_a_case_has_one_claim() -> None:
    intake = screened_case()
    Claim.objects.create(intake=intake, clinician=clinician())
    refused(Claim, intake=intake, clinician=clinician())


def test_the_routes_are_the_five_a_clearance_names() -> None:
    assert Route.values == [
        "iv_infusion",
        "intramuscular",
        "esketamine_nasal_spray",
        "oral_sublingual",
        "at_home",
    ]
    decision = Decision(routes=["at_home", "iv_infusion", "gone"])
    assert decision.route_labels() == ["At home", "IV infusion"]
