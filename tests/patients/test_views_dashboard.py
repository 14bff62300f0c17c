from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from tests.factories import UserFactory
from tests.patients.answers import step_data

pytestmark = pytest.mark.django_db
SENT = datetime(2026, 6, 15, 16, 0, tzinfo=UTC)


@pytest.fixture
def patient() -> object:
    return UserFactory()


def signed_in(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


def step_url(intake: Intake, slug: str) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": slug})


def test_a_new_patient_sees_an_empty_state_with_a_start_button(patient: object) -> None:
    page = signed_in(patient).get(reverse("patients:dashboard")).content.decode()
    assert "Start your intake" in page
    assert f'action="{reverse("patients:start")}"' in page
    assert "Continue your intake" not in page


def test_start_creates_one_draft_and_opens_the_first_step_even_when_clicked_twice(patient: object) -> None:
    browser = signed_in(patient)
    first = browser.post(reverse("patients:start"))
    second = browser.post(reverse("patients:start"))
    intake = Intake.objects.get(patient=patient)
    assert first["Location"] == second["Location"] == step_url(intake, "about-you")


def test_a_patient_who_signs_in_again_resumes_at_the_first_unfinished_step(patient: object) -> None:
    first_visit = signed_in(patient)
    first_visit.post(reverse("patients:start"))
    intake = Intake.objects.get(patient=patient)
    for slug in ("about-you", "why-care", "questionnaires"):
        assert first_visit.post(step_url(intake, slug), step_data(slug)).status_code == 302
    later_visit = signed_in(patient)
    page = later_visit.get(reverse("patients:dashboard")).content.decode()
    assert "Not finished" in page and "Continue your intake" in page and "Start your intake" not in page
    assert later_visit.post(reverse("patients:start"))["Location"] == step_url(intake, "suicide-screen")


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("submitted", "Sent to the clinic"),
        ("in_review", "Being reviewed"),
        ("more_info_requested", "More information needed"),
        ("cleared", "Ready to book a consultation"),
        ("declined", "Not suitable for treatment here"),
        ("consultation_booked", "Consultation booked"),
    ],
)
def test_each_sent_intake_shows_its_status_in_words_and_a_link_to_the_answers(
    patient: object, status: str, words: str
) -> None:
    intake = Intake.objects.create(patient=patient, status=status, submitted_at=SENT)
    page = signed_in(patient).get(reverse("patients:dashboard")).content.decode()
    assert f"<strong>Status:</strong> {words}" in page
    assert "What happens next:" in page
    assert reverse("patients:intake-detail", kwargs={"pk": intake.pk}) in page


def test_a_patient_whose_intake_is_with_the_clinic_is_not_offered_a_new_one(patient: object) -> None:
    Intake.objects.create(patient=patient, status="in_review", submitted_at=SENT)
    page = signed_in(patient).get(reverse("patients:dashboard")).content.decode()
    assert "Start a new intake" not in page and "Start your intake" not in page


def test_the_dashboard_shows_only_the_patients_own_intakes(patient: object) -> None:
    other = Intake.objects.create(patient=UserFactory(), status="submitted", submitted_at=SENT)
    page = signed_in(patient).get(reverse("patients:dashboard")).content.decode()
    assert reverse("patients:intake-detail", kwargs={"pk": other.pk}) not in page
    assert "Start your intake" in page


def test_starting_again_while_a_sent_intake_is_open_explains_and_creates_nothing(patient: object) -> None:
    Intake.objects.create(patient=patient, status="submitted", submitted_at=SENT)
    response = signed_in(patient).post(reverse("patients:start"), follow=True)
    assert "still looking at the intake you sent" in response.content.decode()
    assert Intake.objects.filter(patient=patient).count() == 1
