import re

import pytest
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from patients.steps import STEPS, steps_for
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.django_db
PAGE_SLUGS = [step.slug for step in STEPS if step.slug != "review"]


@pytest.fixture
def patient() -> object:
    return UserFactory(first_name="Alex")


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


def step_url(intake: Intake, slug: str) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": slug})


def draft(patient: object, answers: dict | None = None, done: list[str] | None = None) -> Intake:
    return Intake.objects.create(patient=patient, answers=answers or {}, completed_steps=done or [])


def complete_draft(patient: object, **overrides: object) -> Intake:
    answers = complete_answers(**overrides)
    slugs = [step.slug for step in steps_for(answers) if step.slug != "review"]
    return draft(patient, answers, slugs)


def crisis_panel(html: str) -> str:
    return re.search(r"<section id=\"crisis-panel\"[^>]*>", html).group(0)


@pytest.mark.parametrize("slug", PAGE_SLUGS)
def test_every_step_page_shows_its_title_progress_and_both_save_buttons(
    browser: Client, patient: object, slug: str
) -> None:
    intake = draft(patient, complete_answers())
    page = browser.get(step_url(intake, slug)).content.decode()
    title = next(step.title for step in STEPS if step.slug == slug)
    assert f'<h1 class="mb-3">{title}</h1>' in page
    assert re.search(r"Step \d+ of 12", page)
    assert "Save and continue" in page and "Save and finish later" in page


def test_the_progress_reads_step_4_of_11_for_someone_who_cannot_become_pregnant(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(can_become_pregnant="no"))
    page = browser.get(step_url(intake, "suicide-screen")).content.decode()
    assert "Step 4 of 11" in page
    assert '<strong aria-current="step">Thoughts of death and suicide (this page)</strong>' in page


def test_an_incomplete_page_shows_the_error_summary_linked_to_each_field_and_keeps_what_was_typed(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    response = browser.post(step_url(intake, "about-you"), {"first_name": "Alexandra", "action": "continue"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and "There is a problem" in page
    assert '<a class="alert-link" href="#id_last_name">Enter your last name</a>' in page
    assert 'href="#id_sex_assigned_at_birth_0"' in page
    assert 'id="id_sex_assigned_at_birth_0"' in page
    assert 'value="Alexandra"' in page
    assert "<title>Error: About you" in page
    assert Intake.objects.get(pk=intake.pk).answers == {}


def test_save_and_continue_stores_the_page_and_opens_the_next_step(browser: Client, patient: object) -> None:
    intake = draft(patient)
    response = browser.post(step_url(intake, "about-you"), step_data("about-you", action="continue"))
    assert response["Location"] == step_url(intake, "why-care")
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.answers["first_name"] == "Alex" and stored.completed_steps == ["about-you"]


def test_save_and_finish_later_stores_the_page_and_returns_to_the_dashboard_with_a_message(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    response = browser.post(
        step_url(intake, "about-you"), step_data("about-you", action="later"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("patients:dashboard")
    assert "Your answers are saved" in response.content.decode()
    assert "Continue your intake" in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).answers["last_name"] == "Rivera"


def test_the_back_link_opens_the_previous_step_with_its_saved_answers(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(), ["about-you"])
    page = browser.get(step_url(intake, "why-care")).content.decode()
    assert f'href="{step_url(intake, "about-you")}">Back</a>' in page
    assert 'value="Rivera"' in browser.get(step_url(intake, "about-you")).content.decode()


def test_a_step_that_does_not_apply_sends_the_patient_to_the_next_one_that_does(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(can_become_pregnant="no"))
    response = browser.get(step_url(intake, "pregnancy"))
    assert response["Location"] == step_url(intake, "medicines")


def test_a_change_made_from_the_review_page_returns_to_the_review(browser: Client, patient: object) -> None:
    intake = complete_draft(patient)
    url = step_url(intake, "why-care") + "?return=review"
    page = browser.get(url).content.decode()
    assert "Back to check your answers" in page
    response = browser.post(url, step_data("why-care", condition_duration="over_5_years"))
    assert response["Location"] == reverse("patients:review", kwargs={"pk": intake.pk})


def test_a_change_that_opens_a_new_step_asks_it_before_returning_to_the_review(
    browser: Client, patient: object
) -> None:
    intake = complete_draft(patient, can_become_pregnant="no")
    answers = complete_answers(can_become_pregnant="yes")
    response = browser.post(step_url(intake, "about-you") + "?return=review", step_data("about-you", answers))
    assert response["Location"] == step_url(intake, "pregnancy") + "?return=review"


def test_crisis_help_appears_on_the_next_page_after_a_positive_item_9_and_stays(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(), ["about-you", "why-care"])
    before = browser.get(step_url(intake, "questionnaires")).content.decode()
    assert " hidden>" in crisis_panel(before)
    browser.post(step_url(intake, "questionnaires"), step_data("questionnaires", phq9_9="1"))
    after = browser.get(step_url(intake, "suicide-screen")).content.decode()
    assert " hidden>" not in crisis_panel(after)
    assert "call or text 988" in after and "This form is not watched live" in after and "911" in after
    browser.post(step_url(intake, "questionnaires"), step_data("questionnaires", phq9_9="0"))
    later = browser.get(step_url(intake, "medicines")).content.decode()
    assert " hidden>" not in crisis_panel(later)


def test_a_sent_intake_cannot_be_changed_from_a_step_page(browser: Client, patient: object) -> None:
    intake = complete_draft(patient)
    Intake.objects.filter(pk=intake.pk).update(status="submitted", submitted_at="2026-06-15T12:00Z")
    response = browser.post(step_url(intake, "about-you"), step_data("about-you", first_name="Changed"))
    assert response["Location"] == reverse("patients:intake-detail", kwargs={"pk": intake.pk})
    assert Intake.objects.get(pk=intake.pk).answers["first_name"] == "Alex"


def test_an_unknown_step_is_not_found(browser: Client, patient: object) -> None:
    assert browser.get(step_url(draft(patient), "not-a-step")).status_code == 404


def test_another_patients_step_is_not_found_and_not_changed(browser: Client) -> None:
    theirs = draft(UserFactory(), {"first_name": "Other"})
    response = browser.post(step_url(theirs, "about-you"), step_data("about-you"))
    assert response.status_code == 404
    assert Intake.objects.get(pk=theirs.pk).answers == {"first_name": "Other"}


def test_finish_later_on_a_page_with_errors_keeps_what_was_typed_and_shows_it_again(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    typed = {"first_name": "Alexandra", "last_name": "Okafor", "action": "later"}
    response = browser.post(step_url(intake, "about-you"), typed, follow=True)
    assert response.redirect_chain[-1][0] == reverse("patients:dashboard")
    assert "We kept what you typed" in response.content.decode()
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.answers == {} and stored.completed_steps == []
    page = browser.get(step_url(intake, "about-you")).content.decode()
    assert 'value="Alexandra"' in page and 'value="Okafor"' in page
    assert "You saved this page to finish later" in page
    assert "There is a problem" not in page and "Enter your date of birth" not in page


def test_a_page_kept_with_errors_is_forgotten_once_it_is_saved_properly(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    browser.post(step_url(intake, "about-you"), {"first_name": "Alexandra", "action": "later"})
    browser.post(step_url(intake, "about-you"), step_data("about-you", action="continue"))
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.unsaved_pages == {} and stored.answers["first_name"] == "Alex"
    assert "There is a problem" not in browser.get(step_url(intake, "about-you")).content.decode()


def test_without_javascript_crisis_help_shows_on_the_page_sent_back_with_errors_after_item_9(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(), ["about-you", "why-care"])
    data = step_data("questionnaires", phq9_9="2")
    del data["gad7_1"]
    response = browser.post(step_url(intake, "questionnaires"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert " hidden>" not in crisis_panel(page) and "call or text 988" in page


def test_a_page_with_errors_and_no_risk_answer_keeps_crisis_help_hidden(
    browser: Client, patient: object
) -> None:
    intake = draft(patient, complete_answers(), ["about-you", "why-care"])
    data = step_data("questionnaires", phq9_9="0")
    del data["gad7_1"]
    page = browser.post(step_url(intake, "questionnaires"), data).content.decode()
    assert "There is a problem" in page and " hidden>" in crisis_panel(page)
