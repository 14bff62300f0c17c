"""Claims: one clinician reviews a case at a time, and a claim nobody renews lapses."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from patients.models import Intake
from review import services
from review.models import Claim, ReviewSettings
from tests.factories import UserFactory
from tests.review.cases import PRECAUTION, screened_case

pytestmark = pytest.mark.django_db


def test_claiming_a_submitted_case_puts_it_in_review_under_that_clinician(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    claim = services.claim_case(intake=intake, by=casey)
    intake.refresh_from_db()
    assert (claim.clinician, intake.status) == (casey, Intake.Status.IN_REVIEW)
    change = intake.status_changes.get()
    assert (change.by, change.note) == (casey, "Claimed for review")


def test_a_case_another_clinician_holds_cannot_be_claimed(casey: object, corey: object) -> None:
    intake = screened_case()
    services.claim_case(intake=intake, by=casey)
    with pytest.raises(ValidationError, match="Casey Reviewer is reviewing this case"):
        services.claim_case(intake=intake, by=corey)
    assert Claim.objects.get(intake=intake).clinician == casey


def test_claiming_your_own_case_again_renews_the_claim(casey: object, clock: object) -> None:
    intake = screened_case()
    first = services.claim_case(intake=intake, by=casey).claimed_at
    clock.shift(timedelta(minutes=30))
    again = services.claim_case(intake=intake, by=casey)
    assert again.claimed_at == first + timedelta(minutes=30)
    assert Claim.objects.count() == 1


def test_a_claim_older_than_the_clinics_limit_lapses_and_another_clinician_takes_it(
    casey: object, corey: object, clock: object
) -> None:
    ReviewSettings.objects.update(claim_lapse_minutes=45)
    intake = screened_case()
    services.claim_case(intake=intake, by=casey)
    clock.shift(timedelta(minutes=44))
    with pytest.raises(ValidationError):
        services.claim_case(intake=intake, by=corey)
    clock.shift(timedelta(minutes=2))
    assert services.claim_case(intake=intake, by=corey).clinician == corey


def test_releasing_frees_the_case_for_anyone_and_only_the_holder_may_release(
    casey: object, corey: object
) -> None:
    intake = screened_case()
    services.claim_case(intake=intake, by=casey)
    with pytest.raises(ValidationError, match="only they can release it"):
        services.release_case(intake=intake, by=corey)
    services.release_case(intake=intake, by=casey)
    assert not Claim.objects.exists()
    services.release_case(intake=intake, by=casey)  # nothing to release: no error
    assert services.claim_case(intake=intake, by=corey).clinician == corey


def test_only_a_case_waiting_for_review_is_claimed(casey: object) -> None:
    intake = screened_case()
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.DECLINED)
    with pytest.raises(ValidationError, match="waiting for review"):
        services.claim_case(intake=intake, by=casey)


@pytest.mark.parametrize("role", ["patient", "admin"])
def test_only_a_clinician_claims_or_releases(role: str) -> None:
    intake, someone = screened_case(), UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.claim_case(intake=intake, by=someone)
    with pytest.raises(PermissionDenied):
        services.release_case(intake=intake, by=someone)
    assert not Claim.objects.exists()


def test_a_deactivated_clinician_cannot_claim() -> None:
    with pytest.raises(PermissionDenied):
        services.claim_case(intake=screened_case(), by=UserFactory(role="clinician", is_active=False))
