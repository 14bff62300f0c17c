"""The medicines step: rows of name, dose and frequency, or "I don't take any medicines"."""

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.medicines import MEDICATION_PREFIX, MedicinesForm
from tests.patients.answers import TODAY, complete_answers, medication_rows

urlpatterns: list = []
# The names are checked with the screening matcher, built from the clinic's dictionary table.
pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def medicines(rows: list[dict], **extra: str) -> MedicinesForm:
    return MedicinesForm({**medication_rows(rows), **extra}, answers={}, today=TODAY)


def test_rows_are_stored_with_blank_dose_or_frequency_as_null() -> None:
    form = medicines([{"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"},
                      {"name": "Lithium", "dose": "", "frequency": ""}])
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {"medications": [
        {"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"},
        {"name": "Lithium", "dose": None, "frequency": None},
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


def row_key(index: int, name: str) -> str:
    return f"{MEDICATION_PREFIX}-{index}-{name}"


def answered(rows: list[dict], checks: dict[int, dict[str, object]]) -> MedicinesForm:
    """The page posted again with the questions of some rows answered (asked = the name they were about)."""
    data = medication_rows(rows)
    for index, values in checks.items():
        data[row_key(index, "asked")] = rows[index]["name"]
        data.update({row_key(index, key): value for key, value in values.items()})
    return MedicinesForm(data, answers={}, today=TODAY)


def test_a_fuzzy_match_is_asked_about_before_the_patient_moves_on() -> None:
    form = medicines([{"name": "Sertrline", "dose": "50 mg"}])
    assert not form.is_valid()
    row = form.formset.forms[0]
    assert [str(field.label) for field in row.question_fields] == ["Did you mean sertraline?"]
    choices = {"use": "Yes, use sertraline", "keep": "No, keep what I typed"}
    assert dict(row.fields["check_0"].choices) == choices
    assert form.non_field_errors() == ["Medicine 1: Select whether you meant sertraline"]


def test_accepting_the_suggestion_stores_the_dictionary_name_and_keeps_what_was_typed() -> None:
    form = answered([{"name": "Sertrline 50", "dose": "50 mg"}], {0: {"check_0": "use"}})
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["medications"] == [{
        "name": "sertraline 50", "dose": "50 mg", "frequency": None,
        "name_check": {"typed": "Sertrline 50",
                       "questions": [{"word": "sertrline", "suggestion": "sertraline", "answer": "use"}]},
    }]


def test_keeping_a_fuzzy_name_stores_it_as_typed_with_the_choice() -> None:
    form = answered([{"name": "Sertrline"}], {0: {"check_0": "keep"}})
    assert form.is_valid(), form.errors
    (row,) = form.cleaned_answers()["medications"]
    assert row["name"] == "Sertrline"
    assert row["name_check"]["questions"] == [
        {"word": "sertrline", "suggestion": "sertraline", "answer": "keep"}
    ]


def test_an_unrecognised_name_is_asked_about_and_may_be_kept() -> None:
    first = medicines([{"name": "Grandma's tonic"}])
    assert [str(f.label) for f in first.formset.forms[0].question_fields] == [
        "We did not recognise this name: check the spelling on the label"
    ]
    assert first.non_field_errors() == [
        "Medicine 1: Correct the name, or tick to keep it as you typed it"
    ]
    kept = answered([{"name": "Grandma's tonic"}], {0: {"check_0": ["keep"]}})
    assert kept.is_valid(), kept.errors
    (row,) = kept.cleaned_answers()["medications"]
    assert row["name"] == "Grandma's tonic"
    assert row["name_check"] == {"typed": "Grandma's tonic", "questions": [
        {"word": "Grandma's tonic", "suggestion": None, "answer": "keep"}]}


def test_a_known_drug_and_an_unknown_word_on_one_line_ask_about_the_unknown_word_only() -> None:
    form = medicines([{"name": "lorazepam and ashwagandha"}])
    row = form.formset.forms[0]
    assert [str(field.label) for field in row.question_fields] == [
        "We did not recognise \u201cashwagandha\u201d: check the spelling on the label"
    ]
    kept = answered([{"name": "lorazepam and ashwagandha"}], {0: {"check_0": ["keep"]}})
    assert kept.is_valid(), kept.errors
    assert kept.cleaned_answers()["medications"][0]["name"] == "lorazepam and ashwagandha"


def test_a_line_with_a_misspelling_and_an_unknown_word_asks_both_and_applies_each_answer() -> None:
    form = answered([{"name": "Sertrline and ashwagandha"}], {0: {"check_0": "use", "check_1": ["keep"]}})
    assert form.is_valid(), form.errors
    (row,) = form.cleaned_answers()["medications"]
    assert row["name"] == "sertraline and ashwagandha"
    assert [q["answer"] for q in row["name_check"]["questions"]] == ["use", "keep"]


def test_answers_given_for_a_name_since_changed_are_not_applied_and_the_new_name_is_asked_about() -> None:
    data = medication_rows([{"name": "Prozak"}])
    data.update({row_key(0, "asked"): "Sertrline", row_key(0, "check_0"): "use"})
    form = MedicinesForm(data, answers={}, today=TODAY)
    assert not form.is_valid()
    row = form.formset.forms[0]
    assert [str(field.label) for field in row.question_fields] == ["Did you mean prozac?"]
    assert row["check_0"].value() is None
    assert row["asked"].value() == "Prozak"


def test_a_confirmed_name_is_not_asked_again_until_the_patient_changes_it() -> None:
    saved = stored(answered([{"name": "Sertrline"}], {0: {"check_0": "keep"}}))
    again = medicines_with(saved, [{"name": "Sertrline"}])
    assert again.is_valid(), again.errors
    assert again.cleaned_answers()["medications"] == saved

    changed = medicines_with(saved, [{"name": "Sertrlin"}])
    assert not changed.is_valid()
    assert [str(f.label) for f in changed.formset.forms[0].question_fields] == ["Did you mean sertraline?"]


def test_an_accepted_name_keeps_its_record_when_the_page_is_saved_again() -> None:
    saved = stored(answered([{"name": "Zolof"}], {0: {"check_0": "use"}}))
    assert saved[0]["name"] == "zoloft"
    again = medicines_with(saved, [{"name": "zoloft"}])
    assert again.is_valid(), again.errors
    assert again.cleaned_answers()["medications"][0]["name_check"]["typed"] == "Zolof"


def test_a_removed_or_recognised_row_asks_nothing() -> None:
    data = medication_rows([{"name": "Sertrline"}, {"name": "Lithium"}])
    data[row_key(0, "DELETE")] = "on"
    form = MedicinesForm(data, answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert [row.questions for row in form.formset.forms] == [(), (), ()]


def stored(form: MedicinesForm) -> list[dict]:
    assert form.is_valid(), form.errors
    return form.cleaned_answers()["medications"]


def medicines_with(saved: list[dict], rows: list[dict]) -> MedicinesForm:
    return MedicinesForm(medication_rows(rows), answers={"medications": saved}, today=TODAY)
