"""Intake.objects.for_user: the one scope for patient data, per role (patients/models.py IntakeQuerySet)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from patients.models import Intake
from tests.factories import DraftIntakeFactory, IntakeFactory, UserFactory

pytestmark = pytest.mark.django_db

SENT_STATUSES = [status for status in Intake.Status if status != Intake.Status.DRAFT]


@pytest.fixture
def intakes() -> dict[str, Intake]:
    """Two patients, each with an unsent draft and a sent intake."""
    alice, bob = UserFactory(role="patient"), UserFactory(role="patient")
    return {
        "alice_draft": DraftIntakeFactory(patient=alice, answers={"first_name": "Alice"}),
        "alice_sent": IntakeFactory(patient=alice),
        "bob_draft": DraftIntakeFactory(patient=bob, answers={"first_name": "Bob"}),
        "bob_sent": IntakeFactory(patient=bob),
    }


def test_a_patient_sees_their_own_draft_and_sent_intakes_and_nobody_elses(intakes: dict) -> None:
    alice = intakes["alice_draft"].patient

    assert set(Intake.objects.for_user(alice)) == {intakes["alice_draft"], intakes["alice_sent"]}


def test_a_clinician_sees_every_patients_sent_intakes_but_no_draft(intakes: dict) -> None:
    clinician = UserFactory(role="clinician")

    assert set(Intake.objects.for_user(clinician)) == {intakes["alice_sent"], intakes["bob_sent"]}


@pytest.mark.parametrize("status", SENT_STATUSES)
def test_a_clinician_sees_an_intake_in_every_status_after_it_is_sent(status: str) -> None:
    intake = IntakeFactory(status=status)

    assert list(Intake.objects.for_user(UserFactory(role="clinician"))) == [intake]


def test_a_clinician_does_not_see_a_draft_even_when_it_is_the_only_intake() -> None:
    DraftIntakeFactory(answers={"first_name": "Alice", "cssrs_q1": "yes"})

    assert not Intake.objects.for_user(UserFactory(role="clinician")).exists()


def test_an_admin_and_a_signed_out_visitor_see_no_intake(intakes: dict) -> None:
    assert not Intake.objects.for_user(UserFactory(role="admin")).exists()
    assert not Intake.objects.for_user(AnonymousUser()).exists()
    assert not Intake.objects.for_user(None).exists()
