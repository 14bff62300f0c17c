"""The intake's one transition method, which steps a patient may change, and the clinic's messages."""

from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patients.models import Intake, IntakeStatusChange, PatientMessage
from tests.factories import DraftIntakeFactory, IntakeFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Intake.Status
LEGAL = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.IN_REVIEW),
    (S.SUBMITTED, S.CLEARED),
    (S.SUBMITTED, S.DECLINED),
    (S.SUBMITTED, S.MORE_INFO_REQUESTED),
    (S.IN_REVIEW, S.CLEARED),
    (S.IN_REVIEW, S.DECLINED),
    (S.IN_REVIEW, S.MORE_INFO_REQUESTED),
    (S.MORE_INFO_REQUESTED, S.SUBMITTED),
    (S.MORE_INFO_REQUESTED, S.IN_REVIEW),
    (S.CLEARED, S.CONSULTATION_BOOKED),
    (S.CLEARED, S.IN_REVIEW),
    (S.CONSULTATION_BOOKED, S.CLEARED),
}
ILLEGAL = sorted(set(product(S, S)) - LEGAL)


def intake_in(status: str) -> Intake:
    # A draft being sent already has its sending time (the submission service sets it first).
    return (
        DraftIntakeFactory(submitted_at=timezone.now()) if status == S.DRAFT else IntakeFactory(status=status)
    )


def test_the_transition_table_is_exactly_the_workflow() -> None:
    assert {(start, end) for start, ends in Intake.TRANSITIONS.items() for end in ends} == LEGAL


@pytest.mark.parametrize(("start", "end"), sorted(LEGAL), ids=lambda status: str(status))
def test_each_legal_move_is_made_and_recorded_with_who_and_a_note(start: str, end: str) -> None:
    intake = intake_in(start)
    clinician = UserFactory(role="clinician")
    intake.set_status(end, by=clinician, note="why")
    intake.refresh_from_db()
    change = IntakeStatusChange.objects.get(intake=intake)
    assert intake.status == end
    assert (change.from_status, change.to_status, change.by, change.note) == (start, end, clinician, "why")


@pytest.mark.parametrize(("start", "end"), ILLEGAL, ids=lambda status: str(status))
def test_each_illegal_move_is_refused_and_changes_nothing(start: str, end: str) -> None:
    intake = intake_in(start)
    with pytest.raises(ValidationError):
        intake.set_status(end, by=None)
    intake.refresh_from_db()
    assert intake.status == start
    assert not IntakeStatusChange.objects.filter(intake=intake).exists()


def test_a_draft_takes_every_step_and_a_sent_intake_none() -> None:
    draft, sent = DraftIntakeFactory(), IntakeFactory(status=S.IN_REVIEW, reopened_steps=["heart"])
    assert draft.can_edit_step("heart") and draft.can_edit_step("review") and draft.takes_answers
    assert not sent.can_edit_step("heart") and not sent.can_edit_step("review") and not sent.takes_answers


def test_while_more_information_is_asked_for_only_the_reopened_steps_and_the_signature_change() -> None:
    intake = IntakeFactory(status=S.MORE_INFO_REQUESTED, reopened_steps=["heart", "medicines"])
    assert intake.takes_answers and not intake.is_editable
    assert [
        slug
        for slug in ("about-you", "heart", "medicines", "logistics", "review")
        if intake.can_edit_step(slug)
    ] == ["heart", "medicines", "review"]


def test_a_message_to_the_patient_has_a_body() -> None:
    intake = IntakeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PatientMessage.objects.create(intake=intake, kind="decision", body="", created_by=UserFactory())
