"""The medicines step: rows of name, dose and frequency, or "I don't take any medicines"."""

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.medicines import MEDICATION_PREFIX, MedicinesForm
from tests.patients.answers import TODAY, complete_answers, medication_rows

urlpatterns: list = []
pytestmark = pytest.mark.urls(__name__)


def medicines(rows: list[dict], **extra: str) -> MedicinesForm:
    return MedicinesForm({**medication_rows(rows), **extra}, answers={}, today=TODAY)


def test_rows_are_stored_with_blank_dose_or_frequency_as_null() -> None:
    form = medicines([{"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"},
                      {"name": "Ibuprofen", "dose": "", "frequency": ""}])
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {"medications": [
        {"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"},
        {"name": "Ibuprofen", "dose": None, "frequency": None},
    ]}


def test_i_dont_take_any_medicines_is_stored_as_no_rows() -> None:
    form = medicines([], no_medicines="on")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {"medications": []}
    assert MedicinesForm(answers={"medications": []}, today=TODAY).initial == {"no_medicines": True}


def test_a_row_with_a_dose_but_no_name_is_refused_and_listed_at_the_top() -> None:
    form = medicines([{"name": "", "dose": "50 mg", "frequency": "daily"}])
    assert not form.is_valid()
    assert form.non_field_errors() == ["Medicine 1: Enter the name of the medicine, or remove this row"]
    assert form.formset.forms[0].errors == {"name": ["Enter the name of the medicine, or remove this row"]}


def test_a_removed_row_is_dropped_even_without_a_name() -> None:
    data = medication_rows([{"name": "Sertraline"}, {"name": "", "dose": "5 mg"}])
    data[f"{MEDICATION_PREFIX}-1-DELETE"] = "on"
    form = MedicinesForm(data, answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["medications"] == [{"name": "Sertraline", "dose": None, "frequency": None}]


@pytest.mark.parametrize("name", ["Sertra\u200bline", "Sertraline\u2066", "Sertra\x07line"])
def test_medicine_names_with_control_or_invisible_characters_are_refused(name: str) -> None:
    form = medicines([{"name": name}])
    assert not form.is_valid()
    assert form.formset.forms[0].errors["name"] == [
        "Remove hidden or special characters, such as tabs, line breaks or invisible spaces, from "
        "\u201cName of the medicine\u201d"
    ]


def test_nothing_listed_and_nothing_ticked_asks_for_one_or_the_other() -> None:
    form = medicines([])
    assert form.errors == {"no_medicines": ["List the medicines you take, or tick \u201cI don't take any "
                                            "medicines\u201d"]}


def test_listing_medicines_and_ticking_none_is_contradictory() -> None:
    form = medicines([{"name": "Sertraline"}], no_medicines="on")
    assert form.errors == {"no_medicines": ["Untick \u201cI don't take any medicines\u201d, or remove the "
                                            "medicines you listed"]}


def test_the_page_renders_the_rows_with_their_management_form_and_three_blank_rows_at_first() -> None:
    html = render_crispy_form(MedicinesForm(answers={}, today=TODAY))
    assert f'name="{MEDICATION_PREFIX}-TOTAL_FORMS" value="3"' in html
    assert html.count("<legend") == 3
    assert "Remove this medicine" in html
    assert "I don&#x27;t take any medicines" in html


def test_a_returning_patient_sees_their_medicines_and_one_blank_row() -> None:
    answers = complete_answers(medications=[{"name": "Lithium", "dose": "300 mg", "frequency": None}])
    html = render_crispy_form(MedicinesForm(answers=answers, today=TODAY))
    assert 'value="Lithium"' in html
    assert f'name="{MEDICATION_PREFIX}-TOTAL_FORMS" value="2"' in html


def test_review_rows_list_each_medicine_or_say_there_are_none() -> None:
    answers = complete_answers(medications=[{"name": "Lithium", "dose": "300 mg", "frequency": None}])
    assert MedicinesForm.review_rows(answers) == [("Medicine 1", "Lithium, 300 mg")]
    assert MedicinesForm.review_rows(complete_answers()) == [("Medicines", "I don't take any medicines")]
