"""The about-you and why-care steps: names, date of birth, phone numbers, height and weight."""

import re

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.about import AboutYouForm, WhyCareForm, age_on
from tests.patients.answers import TODAY, complete_answers, step_data


def about(**overrides: object) -> AboutYouForm:
    return AboutYouForm(step_data("about-you", **overrides), answers={}, today=TODAY)


def born(month: str, day: str, year: str) -> dict[str, str]:
    return {"date_of_birth_month": month, "date_of_birth_day": day, "date_of_birth_year": year}


def test_complete_details_are_stored_as_json_ready_answers() -> None:
    form = about(**born("3", "2", "1985"), weight_kg="64.5")
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert stored["date_of_birth"] == "1985-03-02"
    assert (stored["weight_kg"], stored["weight_unit"]) == (64.5, "kg")
    assert (stored["height_cm"], stored["height_unit"]) == (168, "cm")


def test_the_date_of_birth_is_three_labelled_boxes_in_us_order_with_a_hint_in_that_order() -> None:
    html = render_crispy_form(AboutYouForm(answers={}, today=TODAY))
    boxes = re.findall(r'<label class="form-label mb-1" for="(id_date_of_birth_\d)">(\w+)</label>', html)
    assert boxes == [("id_date_of_birth_0", "Month"), ("id_date_of_birth_1", "Day"),
                     ("id_date_of_birth_2", "Year")]
    assert "<legend" in html and "For example, 3 27 1985" in html
    assert 'autocomplete="bday-month"' in html and 'autocomplete="bday-year"' in html
    assert 'type="date"' not in html


@pytest.mark.parametrize("month", ["3", "03", "March", "mar", "Mar."])
def test_the_month_of_birth_may_be_a_number_or_a_name(month: str) -> None:
    form = about(**born(month, "2", "1985"))
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["date_of_birth"] == "1985-03-02"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("6", "16", "2026"), "Your date of birth must be in the past"),
        (("6", "15", "1905"), "Check your date of birth: enter the year in full, for example 1985"),
        (("2", "30", "2026"), "Your date of birth must be a real date"),
        (("3", "2", "85"), "Your date of birth must be a real date, with the year in full"),
        (("13", "2", "1985"), "Your date of birth must be a real date"),
        (("3", "", "1985"), "Your date of birth must include a day"),
        (("", "", "1985"), "Your date of birth must include a month and a day"),
        (("", "", ""), "Enter your date of birth"),
    ],
)
def test_an_implausible_date_of_birth_is_refused_with_a_message_that_names_it(
    typed: tuple[str, str, str], message: str
) -> None:
    form = about(**born(*typed))
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]


def test_a_stored_date_of_birth_is_shown_back_in_its_three_boxes() -> None:
    html = render_crispy_form(AboutYouForm(answers=complete_answers(), today=TODAY))
    for name, value in (("month", "3"), ("day", "2"), ("year", "1985")):
        assert f'name="date_of_birth_{name}" value="{value}"' in html


def test_ages_from_0_to_120_are_accepted() -> None:
    assert about(**born("6", "15", "2026")).is_valid()
    assert about(**born("6", "15", "1906")).is_valid()
    assert age_on(TODAY.replace(year=1906), TODAY) == 120


@pytest.mark.parametrize("field", ["first_name", "last_name", "emergency_contact_name"])
@pytest.mark.parametrize("name", ["Al\u200bex", "Al\tex", "Alex\u202e", "A\x00lex"])
def test_names_with_control_or_invisible_characters_are_refused(field: str, name: str) -> None:
    form = about(**{field: name})
    assert not form.is_valid()
    assert form.errors[field]


def test_names_in_any_script_with_accents_hyphens_and_apostrophes_are_accepted() -> None:
    assert about(first_name="Zo\u00eb-Ren\u00e9e", last_name="O'Brien \u674e").is_valid()


def test_names_are_stored_in_unicode_nfc_however_the_keyboard_composed_them() -> None:
    form = about(first_name="Rene\u0301e", emergency_contact_name="Jose\u0301 Nun\u0303ez")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["first_name"] == "Ren\u00e9e"
    assert form.cleaned_answers()["emergency_contact_name"] == "Jos\u00e9 Nu\u00f1ez"


@pytest.mark.parametrize("number", ["555 123 4567", "(555) 123-4567", "+1 555.123.4567"])
def test_phone_numbers_are_accepted_as_people_write_them(number: str) -> None:
    assert about(phone=number).is_valid()


@pytest.mark.parametrize("number", ["123", "call me", "555 123 4567 ext 12"])
def test_something_that_is_not_a_phone_number_is_refused(number: str) -> None:
    form = about(phone=number)
    assert form.errors["phone"] == ["Enter your phone number with 10 to 15 digits, like 555 123 4567"]


def test_height_in_feet_and_inches_and_weight_in_pounds_are_stored_in_cm_and_kg() -> None:
    form = about(height_cm="", weight_kg="", height_feet="5", height_inches="7", weight_lb="154")
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert (stored["height_cm"], stored["height_unit"]) == (170.18, "ft_in")
    assert (stored["weight_kg"], stored["weight_unit"]) == (69.853, "lb")


@pytest.mark.parametrize(
    ("typed", "shown", "review"),
    [
        ({"height_feet": "5", "height_inches": "7.5"}, {"height_feet": "5", "height_inches": "7.5"},
         "5 feet 7.5 inches"),
        ({"height_feet": "6", "height_inches": ""}, {"height_feet": "6", "height_inches": "0"},
         "6 feet 0 inches"),
        ({"height_cm": "172.5"}, {"height_cm": "172.5"}, "172.5 centimeters"),
    ],
)
def test_a_height_is_shown_back_on_the_page_and_the_review_in_the_unit_typed(
    typed: dict, shown: dict, review: str
) -> None:
    form = about(**{"height_cm": "", **typed})
    assert form.is_valid(), form.errors
    answers = complete_answers(**form.cleaned_answers())
    initial = AboutYouForm(answers=answers, today=TODAY).initial
    boxes = ("height_feet", "height_inches", "height_cm")
    assert {name: initial[name] for name in boxes if initial.get(name)} == shown
    assert dict(AboutYouForm.review_rows(answers))["Height"] == review


@pytest.mark.parametrize(("typed", "review"), [({"weight_lb": "154.5"}, "154.5 pounds"),
                                               ({"weight_kg": "64.5"}, "64.5 kilograms")])
def test_a_weight_is_shown_back_in_the_unit_typed(typed: dict, review: str) -> None:
    form = about(**{"weight_kg": "", **typed})
    assert form.is_valid(), form.errors
    answers = complete_answers(**form.cleaned_answers())
    initial = AboutYouForm(answers=answers, today=TODAY).initial
    name, value = next(iter(typed.items()))
    assert initial[name] == value
    assert dict(AboutYouForm.review_rows(answers))["Weight"] == review


def test_answers_stored_before_units_were_asked_are_shown_in_centimeters_and_kilograms() -> None:
    rows = dict(AboutYouForm.review_rows(complete_answers(height_cm=168, weight_kg=64.5)))
    assert (rows["Height"], rows["Weight"]) == ("168 centimeters", "64.5 kilograms")


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"height_cm": "17"}, "height_cm", "Your height must be between 100 and 250 centimeters"),
        ({"height_cm": "", "height_feet": "9"}, "height_feet",
         "Your height must be between 3 feet 4 inches and 8 feet 2 inches"),
        ({"height_cm": "", "height_feet": "5", "height_inches": "13"}, "height_inches",
         "Enter your height as feet and inches from 0 to 11, like 5 feet 7 inches"),
        ({"height_feet": "5"}, "height_feet",
         "Enter your height in feet and inches or in centimeters, not both"),
        ({"height_cm": ""}, "height_feet", "Enter your height in feet and inches, or in centimeters"),
        ({"height_cm": "tall"}, "height_cm", "Enter your height in centimeters as a number, like 170"),
        ({"weight_kg": "700"}, "weight_kg", "Your weight must be between 25 and 350 kilograms"),
        ({"weight_kg": "", "weight_lb": "20"}, "weight_lb", "Your weight must be between 56 and 770 pounds"),
        ({"weight_lb": "150"}, "weight_lb", "Enter your weight in pounds or in kilograms, not both"),
        ({"weight_kg": ""}, "weight_lb", "Enter your weight in pounds or in kilograms"),
        ({"weight_kg": "", "weight_lb": "150.25"}, "weight_lb",
         "Enter your weight in pounds as a number, like 154, with at most one decimal place"),
    ],
)
def test_an_implausible_or_ambiguous_height_or_weight_is_refused_with_a_message_naming_it(
    typed: dict, field: str, message: str
) -> None:
    form = about(**typed)
    assert not form.is_valid()
    assert form.errors[field] == [message]


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
