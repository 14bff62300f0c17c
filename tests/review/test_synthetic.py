"""Synthetic cases for scale tests: stored as the services store them, varied, and quick to make."""

from collections import Counter

import pytest

from patients.models import Intake
from review.models import Claim
from review.synthetic import add_cases
from screening.models import CrisisAlert, ScreeningFlag, ScreeningResult
from screening.services import screen_document
from tests.review.cases import NOW, clinician

pytestmark = pytest.mark.django_db


def test_synthetic_cases_are_sent_screened_and_stored_like_real_ones() -> None:
    casey = clinician()
    assert add_cases(count=300, seed=7, now=NOW) == 300
    intakes = Intake.objects.all()
    assert intakes.count() == 300 == ScreeningResult.objects.filter(is_current=True).count()
    for intake in intakes.order_by("?")[:25]:
        result = intake.screening_results.get()
        fresh = screen_document(intake.document)
        assert (result.outcome, intake.current_outcome) == (str(fresh.outcome), str(fresh.outcome))
        assert sorted(result.flags.values_list("code", flat=True)) == sorted(fresh.codes)
        assert intake.patient.intakes.count() == 1 and not intake.patient.has_usable_password()
        assert intake.status_changes.first().to_status == "submitted"
    outcomes = Counter(intakes.values_list("current_outcome", flat=True))
    assert set(outcomes) == {"URGENT", "BLOCKED", "REVIEW", "ELIGIBLE"}
    in_review = intakes.filter(status="in_review")
    assert in_review.exists() and Claim.objects.filter(intake__in=in_review).count() == in_review.count()
    urgent = intakes.filter(current_outcome="URGENT")
    assert CrisisAlert.objects.filter(
        intake__in=urgent, status="acknowledged", acknowledged_by=casey
    ).count() == (urgent.count())
    assert ScreeningFlag.objects.exists()


def test_two_runs_add_different_patients_and_the_same_seed_gives_the_same_answers() -> None:
    add_cases(count=5, seed=3, now=NOW)
    add_cases(count=5, seed=3, now=NOW)
    assert Intake.objects.values("patient").distinct().count() == 10
    first, second = (
        list(Intake.objects.order_by("pk")[i : i + 5].values_list("answers", flat=True)) for i in (0, 5)
    )
    assert first == second
