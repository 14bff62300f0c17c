"""The more-information loop end to end, and what re-screening leaves in a case's history."""

import pytest

from patients.models import Intake
from patients.services import resubmit_intake, save_step
from patients.steps import get_step
from review import services
from review.models import FlagDisposition
from review.selectors import QueueFilters, case_detail, queue_page
from screening.services import screen_intake
from tests.patients.answers import step_data
from tests.review.cases import NOW, PRECAUTION, flag, screened_case, sent_intake
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db


def patient_changes(intake: Intake, slug: str, **overrides: object) -> None:
    step = get_step(slug)
    intake = Intake.objects.get(pk=intake.pk)
    form = step.form_class(step_data(slug, intake.answers, **overrides), answers=intake.answers)
    save_step(intake=intake, step=step, form=form)


def row_of(intake: Intake) -> object:
    return next(row for row in queue_page(QueueFilters(), now=NOW).rows if row.intake.pk == intake.pk)


def test_a_changed_answer_adds_a_flag_and_the_case_returns_to_the_queue_marked(casey: object) -> None:
    intake = sent_intake()
    assert intake.current_outcome == "ELIGIBLE"
    services.request_more_information(intake=intake, by=casey, steps=["heart"], message="Is 120/80 recent?")
    assert intake.pk not in [row.intake.pk for row in queue_page(QueueFilters(), now=NOW).rows]
    patient_changes(intake, "heart", bp_systolic="150")
    resubmit_intake(intake_id=intake.pk, patient=intake.patient, signature="Alex Rivera")

    row = row_of(intake)
    assert (row.intake.status, row.intake.current_outcome) == ("submitted", "REVIEW")
    assert row.changed_answers and row.new_flags
    assert row.flag_counts == (("PRECAUTION", 1),)
    detail = case_detail(intake, now=NOW)
    heart = next(group for group in detail.answers if group.step.slug == "heart")
    assert heart.changed and "systolic" in heart.changed[0].lower()
    assert [view.is_new for view in detail.flags] == [True]
    history = " | ".join(entry.text for entry in detail.history)
    assert "Screened again (answers changed): ELIGIBLE → REVIEW; added CARDIO_BP_ELEVATED" in history
    assert "More information requested" in history and "Is 120/80 recent?" in history


def test_a_new_flag_mark_goes_once_the_flag_is_reviewed(casey: object) -> None:
    intake = screened_case()
    intake.document = make_document(**PRECAUTION)
    screen_intake(intake=intake, reason="dictionary_changed")
    assert row_of(intake).new_flags
    services.acknowledge_flag(flag=flag(intake, "CARDIO_BP_ELEVATED"), by=casey)
    assert not row_of(intake).new_flags


def test_a_re_screen_that_removes_a_flag_keeps_its_disposition_in_the_history(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    services.acknowledge_flag(flag=flag(intake, "CARDIO_BP_ELEVATED"), by=casey, note="Rechecked: 128/80")
    intake.document = make_document()
    screen_intake(intake=intake, reason="answers_changed")
    assert FlagDisposition.objects.get().code == "CARDIO_BP_ELEVATED"
    detail = case_detail(intake, now=NOW)
    assert detail.flags == []
    texts = [entry.text for entry in detail.history]
    assert "CARDIO_BP_ELEVATED acknowledged; Rechecked: 128/80" in texts
    assert any("removed CARDIO_BP_ELEVATED" in text for text in texts)


def test_a_re_screen_that_adds_a_flag_to_a_cleared_case_sends_it_back_to_the_queue(casey: object) -> None:
    intake = screened_case()
    services.clear_case(intake=intake, by=casey, routes=["iv_infusion"])
    assert intake.pk not in [row.intake.pk for row in queue_page(QueueFilters(), now=NOW).rows]
    intake.document = make_document(hx_aneurysm="yes")
    screen_intake(intake=intake, reason="ruleset_changed")
    row = row_of(intake)
    assert (row.intake.status, row.new_flags) == ("in_review", True)
    assert services.clearance_blockers(row.intake) == [
        "CARDIO_ANEURYSM_AVM: the exclusion has not been overridden."
    ]
