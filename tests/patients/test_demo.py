import pytest

from accounts import demo as accounts_demo
from patients import demo
from patients.models import Intake
from screening import demo as screening_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> list[str]:
    accounts_demo.load()
    screening_demo.load()
    return demo.load()


def test_each_outcome_has_a_demo_patient_with_a_sent_intake_screened_that_way(loaded: list[str]) -> None:
    for email, _, _, _, outcome in demo.OUTCOME_PATIENTS:
        intake = Intake.objects.get(patient__email=email)
        assert intake.status == Intake.Status.SUBMITTED
        assert intake.screening_results.get(is_current=True).outcome == outcome
        assert any(email in line and outcome in line for line in loaded)


def test_the_demo_patient_has_a_draft_that_resumes_at_step_4(loaded: list[str]) -> None:
    draft = Intake.objects.get(patient__email=demo.DRAFT_PATIENT)
    assert draft.status == Intake.Status.DRAFT
    assert draft.completed_steps == ["about-you", "why-care", "questionnaires"]
    assert "cssrs_q1" not in draft.answers


def test_patient2_never_gets_an_intake(loaded: list[str]) -> None:
    assert not Intake.objects.filter(patient__email="patient2@demo.clinic").exists()


def test_loading_twice_adds_nothing(loaded: list[str]) -> None:
    count = Intake.objects.count()
    assert demo.load() == loaded
    assert Intake.objects.count() == count == 5
