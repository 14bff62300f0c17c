"""Leaving a page unfinished and coming back: what is kept, what the patient is told, and what is refused."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from screening.models import CrisisAlert
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient() -> object:
    return UserFactory(first_name="Ren\u00e9e", last_name="O'Brien")


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


def step_url(intake: Intake, slug: str) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": slug})


def messages_after(response: object) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_names_typed_at_registration_fill_step_1_of_a_new_intake(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient)
    page = browser.get(step_url(intake, "about-you")).content.decode()
    assert 'name="first_name" value="Ren\u00e9e"' in page
    assert 'name="last_name" value="O&#x27;Brien"' in page


def test_names_saved_on_step_1_win_over_the_registration_names(browser: Client, patient: object) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers(first_name="Ren"))
    page = browser.get(step_url(intake, "about-you")).content.decode()
    assert 'name="first_name" value="Ren"' in page


def test_resuming_a_page_left_half_answered_shows_no_errors_for_the_questions_not_yet_answered(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    browser.post(step_url(intake, "mental-health"), {"bipolar_dx": "no", "action": "later"})
    page = browser.get(step_url(intake, "mental-health")).content.decode()
    assert "There is a problem" not in page
    assert "Select an answer to this question" not in page and "invalid-feedback" not in page
    assert re.search(r'<input type="radio"[^>]*value="no"[^>]*id="id_bipolar_dx_1"[^>]*checked>', page)
    assert "You saved this page to finish later" in page


def test_resuming_a_page_shows_the_errors_of_what_was_typed_wrongly_each_naming_its_question(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient)
    typed = {"first_name": "Ren\u00e9e", "phone": "call me", "action": "later"}
    browser.post(step_url(intake, "about-you"), typed)
    page = browser.get(step_url(intake, "about-you")).content.decode()
    assert "There is a problem" in page
    assert page.count('<li><a class="alert-link"') == 1
    assert "Enter your phone number with 10 to 15 digits, like 555 123 4567" in page


def test_finish_later_on_a_page_with_errors_says_what_was_kept_and_what_is_still_to_do(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    data = step_data("heart", hx_mi="", hx_avm="", action="later")
    response = browser.post(step_url(intake, "heart"), data)
    assert messages_after(response) == [
        "We kept what you typed on \u201cBlood pressure, heart and blood vessels\u201d, but the page is not "
        "finished, so none of it counts as answered yet. Still to do: Select whether you have ever been told "
        "you have an AVM (arteriovenous malformation); Select whether you have ever had a heart attack. When "
        "you come back, the page opens with what you typed."
    ]
    assert Intake.objects.get(pk=intake.pk).unsaved_pages["heart"]["hx_aneurysm"] == ["no"]


def test_a_long_list_of_things_still_to_do_names_three_and_counts_the_rest(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    response = browser.post(step_url(intake, "mental-health"), {"action": "later"})
    [message] = messages_after(response)
    assert message.count("; ") == 3 and message.endswith("; and 5 more. When you come back, the page opens "
                                                         "with what you typed.")


def test_a_safety_answer_sent_twice_is_refused_on_its_question_and_nothing_is_saved(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    data = step_data("suicide-screen", cssrs_q2="no", action="continue")
    data["cssrs_q1"] = ["yes", "no"]
    response = browser.post(step_url(intake, "suicide-screen"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert ("Give one answer to \u201cIn the past month, have you wished you were dead, or wished you could "
            "go to sleep and not wake up?\u201d. We received more than one, so this page was not "
            "saved") in page
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.answers == complete_answers() and "suicide-screen" not in stored.completed_steps
    assert not CrisisAlert.objects.exists()


def test_finish_later_does_not_keep_an_answer_sent_twice_and_says_so(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    data = step_data("heart", action="later")
    data["hx_aneurysm"] = ["yes", "no"]
    response = browser.post(step_url(intake, "heart"), data)
    kept = Intake.objects.get(pk=intake.pk).unsaved_pages["heart"]
    assert "hx_aneurysm" not in kept and kept["hx_avm"] == ["no"]
    [message] = messages_after(response)
    assert "Give one answer to \u201cHave you ever been told you have an aneurysm?\u201d" in message
    assert "Answers sent more than once to one question were not kept." in message
    page = browser.get(step_url(intake, "heart")).content.decode()
    assert not re.search(r'<input type="radio"[^>]*name="hx_aneurysm"[^>]*checked>', page)


def test_a_page_kept_before_this_rule_with_an_answer_sent_twice_shows_the_error_when_resumed(
    browser: Client, patient: object
) -> None:
    typed = {key: [str(value)] for key, value in step_data("heart").items()}
    typed["hx_aneurysm"] = ["yes", "no"]
    intake = Intake.objects.create(
        patient=patient, answers=complete_answers(), unsaved_pages={"heart": typed}
    )
    page = browser.get(step_url(intake, "heart")).content.decode()
    assert "Give one answer to \u201cHave you ever been told you have an aneurysm?\u201d" in page


@pytest.mark.parametrize("sent", [["yes", "no"], ["no", "yes"]])
def test_a_yes_sent_with_a_no_still_shows_crisis_help_on_the_refused_page(
    browser: Client, patient: object, sent: list[str]
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    data = step_data("suicide-screen", action="continue")
    data["cssrs_q2"] = sent
    page = browser.post(step_url(intake, "suicide-screen"), data).content.decode()
    assert "Give one answer to" in page
    panel = re.search(r'<section id="crisis-panel"[^>]*>', page).group(0)
    assert " hidden" not in panel
