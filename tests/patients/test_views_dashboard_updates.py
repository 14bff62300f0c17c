"""The dashboard follows the clinic's review in plain words: messages, steps to change, never flags."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from review import services
from tests.factories import UserFactory
from tests.review.cases import EXCLUSION, NOW, URGENT, sent_intake

pytestmark = pytest.mark.django_db
HIDDEN = ("CARDIO", "SI_CSSRS", "EXCLUSION", "PRECAUTION", "URGENT", "BLOCKED", "ELIGIBLE", "flag")


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clinician() -> object:
    return UserFactory(role="clinician")


def dashboard_of(patient: object) -> str:
    client = Client()
    client.force_login(patient)
    response = client.get(reverse("patients:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def assert_no_screening_words(html: str) -> None:
    assert not [word for word in HIDDEN if word in html]


def test_a_request_for_more_shows_the_message_and_links_to_the_reopened_steps(clinician: object) -> None:
    intake = sent_intake(**EXCLUSION)
    services.request_more_information(
        intake=intake, by=clinician, steps=["heart"], message="When was the aneurysm repaired?"
    )
    html = dashboard_of(intake.patient)
    assert "<strong>Status:</strong> More information needed" in html
    assert "When was the aneurysm repaired?" in html
    assert reverse("patients:step", kwargs={"pk": intake.pk, "slug": "heart"}) in html
    assert reverse("patients:step", kwargs={"pk": intake.pk, "slug": "about-you"}) not in html
    assert reverse("patients:review", kwargs={"pk": intake.pk}) in html
    assert_no_screening_words(html)


def test_a_decline_shows_the_patients_message_and_never_the_internal_reason(clinician: object) -> None:
    intake = sent_intake(**EXCLUSION)
    services.decline_case(
        intake=intake,
        by=clinician,
        patient_message="We are not able to offer you treatment here.",
        internal_reason="Unrepaired aneurysm",
    )
    html = dashboard_of(intake.patient)
    assert "Not suitable for treatment here" in html
    assert "We are not able to offer you treatment here." in html
    assert "Unrepaired" not in html
    assert_no_screening_words(html)


def test_a_clearance_shows_its_message_but_not_the_routes_or_conditions(clinician: object) -> None:
    intake = sent_intake()
    services.clear_case(intake=intake, by=clinician, routes=["iv_infusion"], conditions="BP re-check first")
    html = dashboard_of(intake.patient)
    assert "Ready to book a consultation" in html and "A clinician has reviewed your answers" in html
    assert "BP re-check" not in html and "IV infusion" not in html
    assert_no_screening_words(html)


def test_an_urgent_case_in_review_shows_plain_words_and_no_flag(clinician: object) -> None:
    intake = sent_intake(**URGENT)
    services.claim_case(intake=intake, by=clinician)
    html = dashboard_of(intake.patient)
    assert "Being reviewed" in html
    assert_no_screening_words(html)


def test_a_patient_never_sees_another_patients_decision(clinician: object) -> None:
    theirs = sent_intake()
    services.decline_case(
        intake=theirs, by=clinician, patient_message="Private words for them", internal_reason="r"
    )
    mine = sent_intake()
    html = dashboard_of(mine.patient)
    assert "Private words for them" not in html
    assert reverse("patients:intake-detail", kwargs={"pk": theirs.pk}) not in html
    assert Intake.objects.get(pk=mine.pk).status == "submitted"
