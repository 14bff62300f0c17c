import re

import pytest
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from screening.models import MedicationName
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, medication_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient() -> object:
    return UserFactory()


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


@pytest.fixture
def intake(patient: object) -> Intake:
    answers = complete_answers()
    del answers["medications"]
    return Intake.objects.create(patient=patient, answers=answers)


def medicines_url(intake: Intake) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": "medicines"})


def suggest(browser: Client, query: str) -> list[str]:
    return browser.get(reverse("patients:medication-suggest"), {"q": query}).json()["names"]


def test_the_medicines_page_has_rows_for_name_dose_and_frequency_and_an_add_button(
    browser: Client, intake: Intake
) -> None:
    page = browser.get(medicines_url(intake)).content.decode()
    assert 'name="medications-0-name"' in page and 'name="medications-2-frequency"' in page
    assert "<legend" in page and "Medicine 1</legend>" in page
    assert 'value="add-medicine"' in page and "Add another medicine" in page
    assert '<datalist id="medication-names">' in page


def test_add_another_medicine_without_javascript_keeps_what_was_typed_and_adds_a_row(
    browser: Client, intake: Intake
) -> None:
    typed = medication_rows([{"name": "Sertralin", "dose": "50 mg", "frequency": "daily"},
                             {"name": "", "dose": "", "frequency": ""}])
    page = browser.post(medicines_url(intake), {**typed, "action": "add-medicine"}).content.decode()
    assert 'value="Sertralin"' in page and 'value="50 mg"' in page and 'value="daily"' in page
    assert 'name="medications-1-name"' in page and 'name="medications-2-name"' not in page
    assert "There is a problem" not in page
    assert "medications" not in Intake.objects.get(pk=intake.pk).answers
    assert re.search(r'<input[^>]*name="medications-1-name"[^>]*autofocus', page)
    assert not re.search(r'<input[^>]*name="medications-0-name"[^>]*autofocus', page)


def test_typed_medicines_are_stored_as_written_once_the_patient_keeps_the_unknown_name(
    browser: Client, intake: Intake
) -> None:
    rows = [{"name": "Sertraline", "dose": "50 mg", "frequency": None},
            {"name": "Grandma's tonic", "dose": None, "frequency": "weekly"}]
    asked = browser.post(medicines_url(intake), {**medication_rows(rows), "action": "continue"})
    assert "We did not recognise this name: check the spelling on the label" in asked.content.decode()
    kept = {"medications-1-asked": "Grandma's tonic", "medications-1-check_0": "keep"}
    response = browser.post(medicines_url(intake), {**medication_rows(rows), **kept, "action": "continue"})
    assert response.status_code == 302
    stored = Intake.objects.get(pk=intake.pk).answers["medications"]
    assert [{key: row[key] for key in ("name", "dose", "frequency")} for row in stored] == rows


def test_a_dose_without_a_name_is_reported_in_the_error_summary(browser: Client, intake: Intake) -> None:
    rows = medication_rows([{"name": "", "dose": "20 mg", "frequency": ""}])
    page = browser.post(medicines_url(intake), {**rows, "action": "continue"}).content.decode()
    assert "There is a problem" in page
    assert "Medicine 1: Enter the name of the medicine, or remove this row" in page


def test_suggestions_list_at_most_ten_active_dictionary_names_starting_with_the_typed_text(
    browser: Client,
) -> None:
    names = suggest(browser, "Ser")
    assert "sertraline" in names and "seroquel" in names
    assert len(suggest(browser, "a")) == 0
    assert 0 < len(suggest(browser, "in")) <= 10


def test_suggestions_ignore_nul_characters_in_what_was_typed(browser: Client) -> None:
    # PostgreSQL refuses NUL in a query: passing it through was a server error.
    assert "sertraline" in suggest(browser, "sert\0ra")
    assert suggest(browser, "\0\0") == []


def test_suggestions_leave_out_inactive_names(browser: Client) -> None:
    MedicationName.objects.filter(name="seroquel").update(is_active=False)
    assert "seroquel" not in suggest(browser, "ser")


def test_without_javascript_did_you_mean_is_asked_on_the_page_and_the_answer_saved_on_the_next_post(
    browser: Client, intake: Intake
) -> None:
    typed = medication_rows([{"name": "Sertrline", "dose": "50 mg", "frequency": "daily"}])
    response = browser.post(medicines_url(intake), {**typed, "action": "continue"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Did you mean sertraline?" in page
    assert "Yes, use sertraline" in page and "No, keep what I typed" in page
    assert 'name="medications-0-asked" value="Sertrline"' in page
    assert '<a class="alert-link" href="#id_medications-0-check_0_0">Medicine 1: Select whether you meant ' \
           "sertraline</a>" in page
    assert "medications" not in Intake.objects.get(pk=intake.pk).answers

    answer = {"medications-0-asked": "Sertrline", "medications-0-check_0": "use", "action": "continue"}
    response = browser.post(medicines_url(intake), {**typed, **answer})
    assert response.status_code == 302
    assert response["Location"] == reverse("patients:step", kwargs={"pk": intake.pk, "slug": "logistics"})
    (row,) = Intake.objects.get(pk=intake.pk).answers["medications"]
    assert (row["name"], row["name_check"]["typed"]) == ("sertraline", "Sertrline")


def test_a_saved_confirmed_name_shows_as_kept_and_is_not_asked_about_again(
    browser: Client, intake: Intake
) -> None:
    typed = medication_rows([{"name": "lorazepam and ashwagandha"}])
    answer = {"medications-0-asked": "lorazepam and ashwagandha", "medications-0-check_0": "keep"}
    assert browser.post(medicines_url(intake), {**typed, **answer, "action": "continue"}).status_code == 302

    page = browser.get(medicines_url(intake)).content.decode()
    assert 'value="lorazepam and ashwagandha"' in page and "We did not recognise" not in page
    again = browser.post(medicines_url(intake), {**typed, "action": "continue"})
    assert again.status_code == 302
    (row,) = Intake.objects.get(pk=intake.pk).answers["medications"]
    assert row["name_check"]["questions"] == [{"word": "ashwagandha", "suggestion": None, "answer": "keep"}]


def legends(page: str) -> list[str]:
    return re.findall(r"<legend[^>]*data-medicine-legend>(Medicine \d+)</legend>", page)


def test_without_javascript_a_removed_row_is_not_shown_and_the_rows_after_it_move_up_a_number(
    browser: Client, intake: Intake
) -> None:
    typed = medication_rows([{"name": "Sertraline"}, {"name": "Ibuprofen"},
                             {"name": "Lithium", "dose": "abc\u200b"}])
    typed["medications-1-DELETE"] = "on"
    page = browser.post(medicines_url(intake), {**typed, "action": "continue"}).content.decode()
    assert legends(page) == ["Medicine 1", "Medicine 2", "Medicine 3"]  # Lithium, then the blank row
    assert 'value="Ibuprofen"' not in page and 'value="Lithium"' in page
    assert "Medicine 2: Remove hidden or special characters" in page
    order = [page.index(text) for text in ('value="Sertraline"', "Medicine 2</legend>", 'value="Lithium"')]
    assert order == sorted(order)


def test_add_another_medicine_after_removing_one_numbers_the_rows_1_2_3(
    browser: Client, intake: Intake
) -> None:
    typed = medication_rows([{"name": "Sertraline"}, {"name": "Ibuprofen"}, {"name": "Lithium"}])
    typed["medications-0-DELETE"] = "on"
    page = browser.post(medicines_url(intake), {**typed, "action": "add-medicine"}).content.decode()
    assert legends(page) == ["Medicine 1", "Medicine 2", "Medicine 3"]
    order = [page.index(text) for text in ("Medicine 1</legend>", 'value="Ibuprofen"', "Medicine 2</legend>")]
    assert order == sorted(order)
