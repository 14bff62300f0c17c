"""What happened with an urgent case's alert: recorded with a note, acknowledging the alert."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review import services
from review.models import AlertDisposition, FlagDisposition
from screening.models import CrisisAlert
from tests.factories import UserFactory
from tests.review.cases import NOW, URGENT, flag, screened_case

pytestmark = pytest.mark.django_db


def alert_of(intake: object) -> CrisisAlert:
    return CrisisAlert.objects.get(intake=intake)


def test_recording_what_happened_acknowledges_the_open_alert_and_settles_its_urgent_flag(
    casey: object,
) -> None:
    intake = screened_case(**URGENT)
    outcome = services.record_alert_disposition(
        alert=alert_of(intake), by=casey, kind="contacted", note="Called at 12:05; safety plan agreed"
    )
    alert = alert_of(intake)
    assert (alert.status, alert.acknowledged_by, alert.acknowledged_at) == ("acknowledged", casey, NOW)
    assert (outcome.kind, outcome.note, outcome.by, outcome.is_final) == (
        "contacted",
        "Called at 12:05; safety plan agreed",
        casey,
        True,
    )
    urgent = flag(intake, "SI_CSSRS_HIGH")
    assert urgent.review_state == "acknowledged"
    assert urgent.review_reason.startswith("Alert: Contacted the patient, safety plan made.")
    assert FlagDisposition.objects.get().code == "SI_CSSRS_HIGH"


def test_could_not_reach_needs_a_retry_time_to_come_and_settles_nothing(casey: object) -> None:
    intake = screened_case(**URGENT)
    alert = alert_of(intake)
    for retry_at in (None, NOW - timedelta(minutes=1)):
        with pytest.raises(ValidationError) as refused:
            services.record_alert_disposition(
                alert=alert, by=casey, kind="not_reached", note="Voicemail", retry_at=retry_at
            )
        assert "retry_at" in refused.value.message_dict
    outcome = services.record_alert_disposition(
        alert=alert, by=casey, kind="not_reached", note="Voicemail", retry_at=NOW + timedelta(hours=1)
    )
    assert not outcome.is_final
    assert alert_of(intake).status == "acknowledged"
    assert flag(intake, "SI_CSSRS_HIGH").review_state == "open"


def test_a_retry_time_is_refused_for_any_other_outcome(casey: object) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_alert_disposition(
            alert=alert_of(screened_case(**URGENT)),
            by=casey,
            kind="referred",
            note="Sent to ER",
            retry_at=NOW + timedelta(hours=1),
        )
    assert "retry_at" in refused.value.message_dict


@pytest.mark.parametrize(
    ("kind", "note", "field"), [("", "n", "kind"), ("shrugged", "n", "kind"), ("other", "  ", "note")]
)
def test_an_outcome_needs_a_known_kind_and_a_note(casey: object, kind: str, note: str, field: str) -> None:
    alert = alert_of(screened_case(**URGENT))
    with pytest.raises(ValidationError) as refused:
        services.record_alert_disposition(alert=alert, by=casey, kind=kind, note=note)
    assert field in refused.value.message_dict
    assert alert_of(alert.intake).is_open


def test_an_already_acknowledged_alert_takes_further_outcomes(casey: object, corey: object) -> None:
    intake = screened_case(**URGENT)
    services.record_alert_disposition(
        alert=alert_of(intake),
        by=casey,
        kind="not_reached",
        note="No answer",
        retry_at=NOW + timedelta(hours=1),
    )
    services.record_alert_disposition(
        alert=alert_of(intake), by=corey, kind="referred", note="Mobile crisis team"
    )
    assert list(AlertDisposition.objects.values_list("kind", flat=True)) == ["not_reached", "referred"]
    assert alert_of(intake).acknowledged_by == casey


@pytest.mark.parametrize("role", ["patient", "admin"])
def test_only_a_clinician_records_what_happened(role: str) -> None:
    alert = alert_of(screened_case(**URGENT))
    with pytest.raises(PermissionDenied):
        services.record_alert_disposition(alert=alert, by=UserFactory(role=role), kind="other", note="n")
    assert not AlertDisposition.objects.exists() and alert_of(alert.intake).is_open
