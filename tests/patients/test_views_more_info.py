"""The patient's pages while the clinic asks for more: reopened steps only, then checking, sending again."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from patients.services import reopen_for_more_information
from tests.factories import UserFactory
from tests.patients.answers import step_data
from tests.review.cases import NOW, sent_intake

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def patient() -> object:
    return UserFactory(first_name="Alex")


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


@pytest.fixture
def asked(patient: object) -> Intake:
    """The patient's sent intake, with the heart and medicines steps reopened by a clinician."""
    intake = sent_intake(patient)
    return reopen_for_more_information(
        intake=intake,
        steps=["heart", "medicines"],
        message="Please add a blood pressure from this month.",
        by=UserFactory(role="clinician"),
    )


def step(intake: Intake, slug: str) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": slug})


def page(intake: Intake, name: str) -> str:
    return reverse(f"patients:{name}", kwargs={"pk": intake.pk})


def test_a_reopened_step_opens_with_the_sent_answers(browser: Client, asked: Intake) -> None:
    response = browser.get(step(asked, "heart"))
    assert response.status_code == 200
    assert 'value="120"' in response.content.decode()


def test_a_step_the_clinic_did_not_reopen_cannot_be_opened_or_saved(browser: Client, asked: Intake) -> None:
    assert browser.get(step(asked, "about-you"))["Location"] == page(asked, "review")
    response = browser.post(step(asked, "about-you"), step_data("about-you", first_name="Changed"))
    assert response["Location"] == page(asked, "review")
    assert Intake.objects.get(pk=asked.pk).answers["first_name"] == "Alex"


def test_the_progress_list_links_only_to_the_reopened_steps(browser: Client, asked: Intake) -> None:
    html = browser.get(step(asked, "heart")).content.decode()
    assert step(asked, "medicines") in html
    assert step(asked, "about-you") not in html and "About you</a>" not in html


def test_saving_a_reopened_step_leads_to_the_next_one_then_to_sending_again(
    browser: Client, asked: Intake
) -> None:
    data = step_data("heart", asked.answers, bp_systolic="150")
    assert browser.post(step(asked, "heart"), data)["Location"] == step(asked, "medicines")
    medicines = step_data("medicines", Intake.objects.get(pk=asked.pk).answers)
    assert browser.post(step(asked, "medicines"), medicines)["Location"] == page(asked, "review")


def test_the_check_page_shows_the_clinics_message_and_change_links_only_on_reopened_steps(
    browser: Client, asked: Intake
) -> None:
    html = browser.get(page(asked, "review")).content.decode()
    assert "Please add a blood pressure from this month." in html
    assert f'href="{step(asked, "heart")}?return=review"' in html
    assert f'href="{step(asked, "about-you")}?return=review"' not in html
    assert "Open and save these parts before you send" in html and "Accept and send again" not in html


def test_sending_again_returns_the_intake_to_the_clinic(browser: Client, asked: Intake) -> None:
    browser.post(step(asked, "heart"), step_data("heart", asked.answers, bp_systolic="150"))
    browser.post(step(asked, "medicines"), step_data("medicines", Intake.objects.get(pk=asked.pk).answers))
    html = browser.get(page(asked, "review")).content.decode()
    assert "Accept and send again" in html
    response = browser.post(page(asked, "submit"), step_data("review"))
    assert response["Location"] == page(asked, "confirmation")
    sent = Intake.objects.get(pk=asked.pk)
    assert (sent.status, sent.changed_answers) == ("submitted", ["bp_systolic"])
    assert browser.get(step(sent, "heart"))["Location"] == page(sent, "intake-detail")


def test_sending_again_with_a_reopened_step_unsaved_is_refused(browser: Client, asked: Intake) -> None:
    response = browser.post(page(asked, "submit"), step_data("review"))
    assert response["Location"] == page(asked, "review")
    assert Intake.objects.get(pk=asked.pk).status == "more_info_requested"


def test_another_patient_cannot_open_or_change_a_reopened_step(asked: Intake) -> None:
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(step(asked, "heart")).status_code == 404
    assert stranger.post(page(asked, "submit"), step_data("review")).status_code == 404
    assert Intake.objects.get(pk=asked.pk).status == "more_info_requested"


def test_the_copy_of_the_sent_answers_leads_to_the_page_that_sends_them_again(
    browser: Client, asked: Intake
) -> None:
    assert browser.get(page(asked, "intake-detail"))["Location"] == page(asked, "review")
    assert browser.get(page(asked, "confirmation"))["Location"] == page(asked, "review")
