"""The about-you and why-care steps: names, date of birth, phone numbers, height and weight."""

import pytest

from patients.steps.about import AboutYouForm, WhyCareForm, age_on
from tests.patients.answers import TODAY, complete_answers, step_data


def about(**overrides: object) -> AboutYouForm:
    return AboutYouForm(step_data("about-you", **overrides), answers={}, today=TODAY)


def test_complete_details_are_stored_as_json_ready_answers() -> None:
    form = about(date_of_birth="03/02/1985", weight_kg="64.5")
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert stored["date_of_birth"] == "1985-03-02"
    assert stored["weight_kg"] == 64.5
    assert stored["height_cm"] == 168


@pytest.mark.parametrize(
    ("born", "message"),
    [
        ("2026-06-16", "Your date of birth must be in the past"),
        ("1905-06-15", "Check your date of birth: enter the year in full, for example 1985"),
        ("2026-02-30", "Enter a real date, for example 2024-03-27"),
        ("", "Enter your date of birth"),
    ],
)
def test_an_implausible_date_of_birth_is_refused_with_a_clear_message(born: str, message: str) -> None:
    form = about(date_of_birth=born)
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]


def test_ages_from_0_to_120_are_accepted() -> None:
    assert about(date_of_birth="2026-06-15").is_valid()
    assert about(date_of_birth="1906-06-15").is_valid()
    assert age_on(TODAY.replace(year=1906), TODAY) == 120


@pytest.mark.parametrize("field", ["first_name", "last_name", "emergency_contact_name"])
@pytest.mark.parametrize("name", ["Al\u200bex", "Al\tex", "Alex\u202e", "A\x00lex"])
def test_names_with_control_or_invisible_characters_are_refused(field: str, name: str) -> None:
    form = about(**{field: name})
    assert not form.is_valid()
    assert form.errors[field]


def test_names_in_any_script_with_accents_hyphens_and_apostrophes_are_accepted() -> None:
    assert about(first_name="Zo\u00eb-Ren\u00e9e", last_name="O'Brien \u674e").is_valid()


@pytest.mark.parametrize("number", ["555 123 4567", "(555) 123-4567", "+1 555.123.4567"])
def test_phone_numbers_are_accepted_as_people_write_them(number: str) -> None:
    assert about(phone=number).is_valid()


@pytest.mark.parametrize("number", ["123", "call me", "555 123 4567 ext 12"])
def test_something_that_is_not_a_phone_number_is_refused(number: str) -> None:
    form = about(phone=number)
    assert form.errors["phone"] == ["Enter a phone number, like 555 123 4567"]


def test_height_and_weight_must_be_plausible() -> None:
    form = about(height_cm="17", weight_kg="700")
    assert form.errors["height_cm"] == ["Height must be between 100 and 250 cm"]
    assert form.errors["weight_kg"] == ["Weight must be between 25 and 350 kg"]


def test_why_care_needs_at_least_one_thing_to_treat_but_treatment_history_is_optional() -> None:
    form = WhyCareForm({"condition_duration": "under_1_year"}, answers={}, today=TODAY)
    assert form.errors == {"primary_indication": ["Select what you would like treatment for"]}
    form = WhyCareForm(step_data("why-care", primary_indication=["ptsd", "other"]), answers={}, today=TODAY)
    assert form.is_valid()
    assert form.cleaned_answers()["primary_indication"] == ["ptsd", "other"]
    assert form.cleaned_answers()["therapy_tried"] is None


def test_review_rows_show_the_state_and_date_of_birth_in_words() -> None:
    rows = dict(AboutYouForm.review_rows(complete_answers(state="TX")))
    assert rows["Which state do you live in?"] == "Texas"
    assert rows["Date of birth"] == "March 2, 1985"
