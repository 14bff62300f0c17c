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


def test_typed_medicines_are_stored_as_written_even_when_the_dictionary_does_not_know_them(
    browser: Client, intake: Intake
) -> None:
    rows = [{"name": "Sertraline", "dose": "50 mg", "frequency": None},
            {"name": "Grandma's tonic", "dose": None, "frequency": "weekly"}]
    response = browser.post(medicines_url(intake), {**medication_rows(rows), "action": "continue"})
    assert response.status_code == 302
    assert Intake.objects.get(pk=intake.pk).answers["medications"] == rows


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
