"""Flag dispositions: acknowledge precautions and information, override exclusions, co-sign overrides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from patients.models import Intake
from review import services
from review.models import Claim, FlagDisposition, ReviewSettings
from screening.services import screen_intake
from tests.factories import UserFactory
from tests.review.cases import EXCLUSION, INFO, NOW, PRECAUTION, URGENT, flag, screened_case
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
ANEURYSM, BP, PTSD, CSSRS = (
    "CARDIO_ANEURYSM_AVM",
    "CARDIO_BP_ELEVATED",
    "PSYCH_PTSD_DISTRESS_PLAN",
    "SI_CSSRS_HIGH",
)


def override(intake: Intake, by: object, **fields: str) -> object:
    values = {
        "reason": "specialist_clearance",
        "note": "Neurosurgeon's letter of 2026-05-02 on file",
    } | fields
    return services.override_flag(flag=flag(intake, ANEURYSM), by=by, **values)


@pytest.mark.parametrize(("answers", "code"), [(PRECAUTION, BP), (INFO, PTSD)])
def test_a_precaution_or_information_is_acknowledged_with_an_optional_note(
    casey: object, answers: dict, code: str
) -> None:
    intake = screened_case(**answers)
    acknowledged = services.acknowledge_flag(flag=flag(intake, code), by=casey, note=" Rechecked ")
    assert (acknowledged.review_state, acknowledged.reviewed_by, acknowledged.reviewed_at) == (
        "acknowledged",
        casey,
        NOW,
    )
    assert acknowledged.review_reason == "Rechecked"
    record = FlagDisposition.objects.get()
    assert (record.code, record.kind, record.note, record.by, record.at) == (
        code,
        "acknowledged",
        "Rechecked",
        casey,
        NOW,
    )
    services.acknowledge_flag(flag=flag(screened_case(**answers), code), by=casey)  # no note: fine


def test_acting_on_a_flag_claims_the_case_and_another_clinicians_claim_refuses_it(
    casey: object, corey: object
) -> None:
    intake = screened_case(**PRECAUTION)
    services.acknowledge_flag(flag=flag(intake, BP), by=casey)
    assert Claim.objects.get(intake=intake).clinician == casey
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.IN_REVIEW
    other = screened_case(**PRECAUTION)
    services.claim_case(intake=other, by=corey)
    with pytest.raises(ValidationError, match="Corey Cosigner is reviewing"):
        services.acknowledge_flag(flag=flag(other, BP), by=casey)
    assert flag(other, BP).review_state == "open"


def test_an_exclusion_cannot_be_acknowledged_and_an_urgent_flag_goes_through_its_alert(casey: object) -> None:
    blocked, urgent = screened_case(**EXCLUSION), screened_case(**URGENT)
    with pytest.raises(ValidationError, match="override it"):
        services.acknowledge_flag(flag=flag(blocked, ANEURYSM), by=casey)
    with pytest.raises(ValidationError, match="alert"):
        services.acknowledge_flag(flag=flag(urgent, CSSRS), by=casey)
    assert not FlagDisposition.objects.exists()


def test_a_flag_is_reviewed_once(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    services.acknowledge_flag(flag=flag(intake, BP), by=casey)
    with pytest.raises(ValidationError, match="already been acknowledged"):
        services.acknowledge_flag(flag=flag(intake, BP), by=casey)


def test_an_exclusion_is_overridden_with_a_reason_from_the_list_and_a_note(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    overridden = override(intake, casey)
    assert (overridden.review_state, overridden.override_reason, overridden.reviewed_by) == (
        "overridden",
        "specialist_clearance",
        casey,
    )
    record = FlagDisposition.objects.get()
    assert (record.kind, record.override_reason, record.note) == (
        "overridden",
        "specialist_clearance",
        "Neurosurgeon's letter of 2026-05-02 on file",
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"reason": "felt fine"}, "reason"), ({"reason": ""}, "reason"), ({"note": "  "}, "note")],
)
def test_an_override_without_a_listed_reason_or_a_note_is_refused(
    casey: object, fields: dict, field: str
) -> None:
    intake = screened_case(**EXCLUSION)
    with pytest.raises(ValidationError) as refused:
        override(intake, casey, **fields)
    assert field in refused.value.message_dict
    assert flag(intake, ANEURYSM).review_state == "open"


def test_only_an_exclusion_is_overridden(casey: object) -> None:
    with pytest.raises(ValidationError, match="Only an exclusion"):
        services.override_flag(flag=flag(screened_case(**PRECAUTION), BP), by=casey, reason="other", note="n")


def test_a_second_clinician_co_signs_an_override(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    override(intake, casey)
    cosigned = services.cosign_override(flag=flag(intake, ANEURYSM), by=corey)
    assert (cosigned.cosigned_by, cosigned.cosigned_at, cosigned.reviewed_by) == (corey, NOW, casey)
    assert list(FlagDisposition.objects.values_list("kind", "by")) == [
        ("overridden", casey.pk),
        ("cosigned", corey.pk),
    ]


def test_the_clinician_who_made_the_override_cannot_co_sign_it(casey: object) -> None:
    intake = screened_case(**EXCLUSION)
    override(intake, casey)
    with pytest.raises(ValidationError, match="you made this override"):
        services.cosign_override(flag=flag(intake, ANEURYSM), by=casey)
    assert flag(intake, ANEURYSM).cosigned_by is None


def test_an_override_is_co_signed_once_and_only_an_override(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    with pytest.raises(ValidationError, match="Only an override"):
        services.cosign_override(flag=flag(intake, ANEURYSM), by=corey)
    override(intake, casey)
    services.cosign_override(flag=flag(intake, ANEURYSM), by=corey)
    with pytest.raises(ValidationError, match="Only an override"):
        services.cosign_override(flag=flag(intake, ANEURYSM), by=UserFactory(role="clinician"))


def test_with_co_signatures_turned_off_there_is_nothing_to_co_sign(casey: object, corey: object) -> None:
    ReviewSettings.objects.update(cosignature_required=False)
    intake = screened_case(**EXCLUSION)
    override(intake, casey)
    with pytest.raises(ValidationError, match="does not ask for co-signatures"):
        services.cosign_override(flag=flag(intake, ANEURYSM), by=corey)


def test_a_flag_of_an_earlier_screening_or_a_closed_case_is_not_reviewed(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    old = flag(intake, BP)
    intake.document = make_document(bp_systolic=155)
    screen_intake(intake=intake, reason="manual")
    with pytest.raises(ValidationError, match="earlier screening"):
        services.acknowledge_flag(flag=old, by=casey)
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.DECLINED)
    with pytest.raises(ValidationError, match="waits for review"):
        services.acknowledge_flag(flag=flag(intake, BP), by=casey)


@pytest.mark.parametrize("role", ["patient", "admin"])
def test_only_clinicians_review_flags(role: str, casey: object) -> None:
    intake, someone = screened_case(**EXCLUSION, **PRECAUTION), UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.acknowledge_flag(flag=flag(intake, BP), by=someone)
    with pytest.raises(PermissionDenied):
        override(intake, someone)
    override(intake, casey)
    with pytest.raises(PermissionDenied):
        services.cosign_override(flag=flag(intake, ANEURYSM), by=someone)
    assert FlagDisposition.objects.count() == 1
