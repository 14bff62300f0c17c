"""What re-screening does to a case in review: outcome copied, reviews carried, new flags marked, reopened."""

import importlib
from datetime import UTC, datetime

import pytest
from django.apps import apps

from patients.models import UNSCREENED_RANK, Intake
from screening import services
from screening.models import ScreeningFlag
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
REVIEWED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def rescreen(intake: Intake, **document: object) -> Intake:
    intake.document = make_document(**document)
    services.screen_intake(intake=intake, reason="answers_changed")
    return Intake.objects.get(pk=intake.pk)


def current(intake: Intake, code: str) -> ScreeningFlag:
    return ScreeningFlag.objects.get(result__intake=intake, result__is_current=True, code=code)


@pytest.mark.parametrize(
    ("document", "outcome", "rank"),
    [
        (
            {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q4": "yes", "cssrs_q3": "no", "cssrs_q5": "no"},
            "URGENT",
            0,
        ),
        ({"hx_aneurysm": "yes"}, "BLOCKED", 1),
        ({"bp_systolic": 150}, "REVIEW", 2),
        ({}, "ELIGIBLE", 3),
    ],
)
def test_screening_copies_the_outcome_and_its_queue_rank_to_the_intake(
    document: dict, outcome: str, rank: int
) -> None:
    intake = IntakeFactory(document=make_document(**document))
    assert (intake.current_outcome, intake.outcome_rank) == ("", UNSCREENED_RANK)
    services.screen_intake(intake=intake, reason="submitted")
    assert (intake.current_outcome, intake.outcome_rank) == (outcome, rank)
    intake.refresh_from_db()
    assert (intake.current_outcome, intake.outcome_rank) == (outcome, rank)


def test_a_re_screen_updates_the_copied_outcome() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150))
    services.screen_intake(intake=intake, reason="submitted")
    assert rescreen(intake, hx_aneurysm="yes").current_outcome == "BLOCKED"


def test_an_override_and_its_co_signature_carry_over_when_the_same_finding_fires_again() -> None:
    intake = IntakeFactory(document=make_document(hx_aneurysm="yes"))
    services.screen_intake(intake=intake, reason="submitted")
    first, second = UserFactory(role="clinician"), UserFactory(role="clinician")
    ScreeningFlag.objects.filter(code="CARDIO_ANEURYSM_AVM").update(
        review_state="overridden",
        review_reason="Repaired",
        override_reason="condition_resolved",
        reviewed_by=first,
        reviewed_at=REVIEWED,
        cosigned_by=second,
        cosigned_at=REVIEWED,
    )
    rescreen(intake, hx_aneurysm="yes", bp_systolic=150)
    carried = current(intake, "CARDIO_ANEURYSM_AVM")
    assert (carried.review_state, carried.override_reason, carried.reviewed_by, carried.cosigned_by) == (
        "overridden",
        "condition_resolved",
        first,
        second,
    )
    assert not carried.added_by_rescreen


def test_flags_added_or_changed_by_a_re_screen_are_marked_new_and_first_ones_are_not() -> None:
    intake = IntakeFactory(document=make_document(bp_systolic=150, ptsd_dx="yes"))
    services.screen_intake(intake=intake, reason="submitted")
    assert not ScreeningFlag.objects.filter(added_by_rescreen=True).exists()
    rescreen(intake, bp_systolic=165, ptsd_dx="yes", hx_aneurysm="yes")
    assert current(intake, "CARDIO_ANEURYSM_AVM").added_by_rescreen  # added
    assert current(intake, "CARDIO_BP_ELEVATED").added_by_rescreen  # evidence changed
    assert not current(intake, "PSYCH_PTSD_DISTRESS_PLAN").added_by_rescreen  # unchanged
    rescreen(intake, bp_systolic=165, ptsd_dx="yes", hx_aneurysm="yes", has_escort_transport="no")
    assert current(intake, "CARDIO_ANEURYSM_AVM").added_by_rescreen  # still new, carried with its review


def test_a_re_screen_that_adds_a_flag_to_a_cleared_case_puts_it_back_in_review() -> None:
    intake = IntakeFactory(status="cleared", document=make_document())
    services.screen_intake(intake=intake, reason="submitted")
    reopened = rescreen(intake, bp_systolic=150)
    assert reopened.status == Intake.Status.IN_REVIEW
    change = reopened.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("cleared", "in_review", None)
    assert change.note == "Screened again (answers changed): new or changed flags CARDIO_BP_ELEVATED"


def test_a_re_screen_that_changes_a_flags_evidence_re_opens_a_cleared_case() -> None:
    intake = IntakeFactory(status="cleared", document=make_document(bp_systolic=150))
    services.screen_intake(intake=intake, reason="submitted")
    assert rescreen(intake, bp_systolic=170).status == Intake.Status.IN_REVIEW


@pytest.mark.parametrize("document", [{}, {"bp_systolic": 150}])
def test_a_re_screen_that_only_removes_flags_or_changes_nothing_leaves_a_cleared_case_cleared(
    document: dict,
) -> None:
    intake = IntakeFactory(status="cleared", document=make_document(bp_systolic=150))
    services.screen_intake(intake=intake, reason="submitted")
    assert rescreen(intake, **document).status == Intake.Status.CLEARED
    assert not intake.status_changes.exists()


def test_a_re_screen_of_a_case_waiting_for_review_keeps_its_status() -> None:
    intake = IntakeFactory(status="in_review", document=make_document())
    services.screen_intake(intake=intake, reason="submitted")
    assert rescreen(intake, bp_systolic=150).status == Intake.Status.IN_REVIEW


def test_the_migration_copies_each_current_outcome_to_its_intake() -> None:
    migration = importlib.import_module("screening.migrations.0011_flag_overrides_and_queue_outcome")
    intake = IntakeFactory(document=make_document(hx_aneurysm="yes"))
    services.screen_intake(intake=intake, reason="submitted")
    Intake.objects.filter(pk=intake.pk).update(current_outcome="", outcome_rank=UNSCREENED_RANK)
    migration.copy_current_outcomes(apps, None)
    intake.refresh_from_db()
    assert (intake.current_outcome, intake.outcome_rank) == ("BLOCKED", 1)
