import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from outbox.models import Message
from patients.models import Intake
from patients.steps import steps_for
from screening.models import ScreeningResult
from tests.factories import UserFactory
from tests.patients.answers import TODAY, complete_answers, step_data

pytestmark = pytest.mark.django_db
SUBMIT_TIME = datetime(TODAY.year, TODAY.month, TODAY.day, 16, 0, tzinfo=UTC)
URGENT_ANSWERS = {
    "phq9_items": [2, 2, 2, 2, 2, 2, 2, 2, 2], "cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes",
    "cssrs_q4": "yes", "cssrs_q5": "no",
}


@pytest.fixture(autouse=True)
def clock() -> object:
    # Submitted on the answers' own "today", so the blood pressure reading is recent and ages are fixed.
    with time_machine.travel(SUBMIT_TIME, tick=False) as traveller:
        yield traveller


@pytest.fixture
def patient() -> object:
    return UserFactory(first_name="Alex")


@pytest.fixture
def browser(patient: object, clock: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


def complete_draft(patient: object, **overrides: object) -> Intake:
    answers = complete_answers(**overrides)
    slugs = [step.slug for step in steps_for(answers) if step.slug != "review"]
    return Intake.objects.create(patient=patient, answers=answers, completed_steps=slugs)


def url(name: str, intake: Intake) -> str:
    return reverse(f"patients:{name}", kwargs={"pk": intake.pk})


def send(browser: Client, intake: Intake, **overrides: object) -> object:
    return browser.post(url("submit", intake), step_data("review", **overrides))


def test_the_review_page_lists_every_answer_by_step_with_change_links(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    page = browser.get(url("review", intake)).content.decode()
    assert '<h2 id="group-about-you" class="h5 d-inline mb-0">About you</h2>' in page
    assert "<dt>Date of birth</dt>" in page and "March 2, 1985" in page
    change = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "heart"}) + "?return=review"
    assert f'href="{change}"' in page
    assert "Type your full name to sign" in page and "Accept and send" in page


def test_the_review_page_of_an_unfinished_intake_names_the_missing_parts_and_offers_no_send(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), completed_steps=["about-you"])
    page = browser.get(url("review", intake)).content.decode()
    assert "You have not finished these parts yet" in page
    assert "Why you are looking for care</a>" in page
    assert "Accept and send" not in page


def test_sending_shows_the_confirmation_and_queues_an_email_without_health_information(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient, medications=[{"name": "Sertraline", "dose": "50 mg", "frequency": None}])
    response = send(browser, intake)
    assert response["Location"] == url("confirmation", intake)
    page = browser.get(response["Location"]).content.decode()
    assert "Your form has been sent" in page and "What happens next" in page
    assert "The clinic will call you today" not in page
    message = Message.objects.get(kind="intake-submitted")
    assert message.recipient == patient.email and "Hello Alex" in message.body
    for private in ("Sertraline", "depression", "Rivera", "ELIGIBLE", "suicide"):
        assert private.lower() not in (message.subject + message.body).lower()


def test_sending_without_consent_shows_the_error_summary_and_keeps_the_draft(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    data = step_data("review")
    del data["consent_store_answers"]
    page = browser.post(url("submit", intake), data).content.decode()
    assert "There is a problem" in page
    message = "Confirm that the clinic can store and use your answers"
    assert f'href="#id_consent_store_answers">{message}</a>' in page
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.DRAFT


def test_sending_twice_makes_one_submission_one_screening_and_one_email(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    first, second = send(browser, intake), send(browser, intake)
    assert first["Location"] == second["Location"] == url("confirmation", intake)
    assert ScreeningResult.objects.filter(intake=intake).count() == 1
    assert Message.objects.filter(kind="intake-submitted").count() == 1
    assert intake.status_changes.count() == 1


def test_sending_an_unfinished_intake_goes_back_to_the_review_with_a_message(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), completed_steps=["about-you"])
    response = browser.post(url("submit", intake), step_data("review"), follow=True)
    assert response.redirect_chain[-1][0] == url("review", intake)
    assert "Some questions are not answered yet" in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.DRAFT


def test_an_urgent_intake_confirmation_shows_crisis_help_and_a_call_today(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient, **URGENT_ANSWERS)
    page = browser.get(send(browser, intake)["Location"]).content.decode()
    assert ScreeningResult.objects.get(intake=intake).outcome == "URGENT"
    assert "The clinic will call you today" in page
    assert "call or text 988" in page and "This form is not watched live" in page
    assert "monitor" not in page.lower()


def test_the_read_only_copy_shows_the_sent_answers_without_any_way_to_change_them(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    send(browser, intake)
    page = browser.get(url("intake-detail", intake)).content.decode()
    assert "The answers you sent" in page and "<dt>Date of birth</dt>" in page
    assert "Sent to the clinic" in page
    assert "?return=review" not in page and ">Change<" not in page
    assert "Save and continue" not in page and 'name="first_name"' not in page


def test_the_read_only_copy_of_a_draft_sends_the_patient_to_the_review(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    assert browser.get(url("intake-detail", intake))["Location"] == url("review", intake)


def test_another_patients_sent_intake_is_not_found(browser: Client) -> None:
    theirs = complete_draft(UserFactory())
    Intake.objects.filter(pk=theirs.pk).update(status="submitted", submitted_at=SUBMIT_TIME)
    for name in ("intake-detail", "confirmation", "review"):
        assert browser.get(url(name, theirs)).status_code == 404


def reviewed_digest(page: str) -> str:
    return re.search(r'name="reviewed_digest" value="([0-9a-f]+)"', page).group(1)


def test_sending_after_the_answers_changed_in_another_window_asks_for_a_new_check(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    digest = reviewed_digest(browser.get(url("review", intake)).content.decode())
    answers = {**intake.answers, "hx_aneurysm": "yes"}
    Intake.objects.filter(pk=intake.pk).update(answers=answers)
    response = send(browser, intake, reviewed_digest=digest)
    assert response["Location"] == url("review", intake)
    assert Intake.objects.get(pk=intake.pk).status == "draft"
    page = browser.get(url("review", intake)).content.decode()
    assert "Your answers changed after you opened this page" in page
    assert reviewed_digest(page) != digest


def test_sending_with_the_digest_of_the_page_the_patient_saw_sends_the_form(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    digest = reviewed_digest(browser.get(url("review", intake)).content.decode())
    assert send(browser, intake, reviewed_digest=digest)["Location"] == url("confirmation", intake)
    assert Intake.objects.get(pk=intake.pk).status == "submitted"


def test_a_document_the_validator_refuses_keeps_the_draft_and_explains_without_an_error_page(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    Intake.objects.filter(pk=intake.pk).update(answers={**intake.answers, "bp_systolic": 999})
    response = send(browser, intake)
    assert response["Location"] == url("review", intake)
    assert "We could not check some of your answers" in browser.get(url("review", intake)).content.decode()
    assert Intake.objects.get(pk=intake.pk).status == "draft" and not ScreeningResult.objects.exists()


def sections(page: str) -> list[str]:
    return re.findall(r"<details class=\"answer-group[^\"]*\"[^>]*>.*?</details>", page, re.S)


def test_each_section_is_collapsed_with_a_summary_line_and_one_change_link(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient)
    page = browser.get(url("review", intake)).content.decode()
    found = sections(page)
    assert len(found) == 11
    pages = [step for step in steps_for(intake.answers) if step.slug != "review"]
    for section, step in zip(found, pages, strict=True):
        assert " open" not in section.split(">", 1)[0]
        assert re.search(r"<summary[^>]*>\s*<h2[^>]*>" + re.escape(step.title) + r"</h2>", section)
        assert re.search(r'<span class="d-block small text-body-secondary">\d+ answers?</span>', section)
        change = reverse("patients:step", kwargs={"pk": intake.pk, "slug": step.slug}) + "?return=review"
        assert section.count(f'href="{change}"') == 1
    assert "<dt>Height</dt><dd class=\"mb-0\">168 centimeters</dd>" in page


def test_a_started_but_unfinished_section_is_open_and_says_it_is_not_finished(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), completed_steps=["about-you"])
    page = browser.get(url("review", intake)).content.decode()
    heart = next(section for section in sections(page) if "Blood pressure" in section)
    assert heart.startswith('<details class="answer-group border rounded mb-2" open>')
    assert "Not finished: " in heart
