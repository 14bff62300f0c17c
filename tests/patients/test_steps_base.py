"""The base of every step form: one value per single-answer question, on every step of the intake."""

from collections.abc import Mapping

import pytest
from django import forms
from django.http import QueryDict

from patients.steps import STEPS, get_step
from tests.patients.answers import TODAY, complete_answers, step_data

pytestmark = pytest.mark.django_db
# Every follow-up shown and one medicine listed, so every question of every step is on its page.
EVERY_QUESTION = complete_answers(
    cssrs_q2="yes", cssrs_q3="no", cssrs_q4="no", cssrs_q5="no", cssrs_q6="yes", cssrs_q6_past_3_months="no",
    prior_ketamine_adverse_reaction="yes", prior_ketamine_reaction_details="Agitation",
    hx_ischemic_stroke_or_tia="yes", stroke_tia_most_recent_date="2019-05-31", hx_mi="yes",
    acs_most_recent_date="2018-01-31",
    medications=[{"name": "Sertraline", "dose": "50 mg", "frequency": "daily"}],
)


def as_query(data: Mapping) -> QueryDict:
    """POST data as a browser encodes it: lists as repeated keys, a ticked box as "on"."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        query.setlist(key, ["on" if item is True else str(item) for item in values])
    return query


def single_value_keys(form: forms.BaseForm) -> dict[str, str]:
    """Posted name -> field name, for every input that a browser sends at most once."""
    keys = {}
    for name, field in form.fields.items():
        widget = field.widget
        if getattr(widget, "allow_multiple_selected", False):
            continue
        suffixes = getattr(widget, "widgets_names", [""])
        keys.update({form.add_prefix(name) + suffix: name for suffix in suffixes})
    return keys


def other_value(field: forms.Field, value: str) -> str:
    """A second answer to the same question: another option where there is one, else the same text."""
    options = [str(choice) for choice, _ in getattr(field, "choices", ()) if str(choice) not in ("", value)]
    return options[0] if options else value


def posted_with_two_values(slug: str) -> list[tuple[str, str, QueryDict, forms.Field]]:
    """For every single-answer input of the step: (key, field name, data with that key sent twice, field)."""
    data = as_query(step_data(slug, EVERY_QUESTION))
    form = get_step(slug).form_class(data, answers={}, today=TODAY)
    inputs = single_value_keys(form)
    formset = getattr(form, "formset", None)
    for row in formset.forms if formset is not None else ():
        inputs.update({key: name for key, name in single_value_keys(row).items() if key in data})
    cases = []
    for key, name in inputs.items():
        if key not in data:
            continue
        field = form.fields.get(name) or formset.forms[0].fields[name]
        twice = data.copy()
        twice.setlist(key, [data[key], other_value(field, data[key])])
        cases.append((key, name, twice, field))
    return cases


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_the_complete_page_of_every_step_is_valid_as_sent(slug: str) -> None:
    form = get_step(slug).form_class(as_query(step_data(slug, EVERY_QUESTION)), answers={}, today=TODAY)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_every_single_answer_question_sent_twice_is_refused_with_an_error_on_it(slug: str) -> None:
    cases = posted_with_two_values(slug)
    assert cases, f"{slug}: no single-answer questions found"
    accepted = []
    for key, name, data, field in cases:
        form = get_step(slug).form_class(data, answers={}, today=TODAY)
        if form.is_valid():
            accepted.append(f"{key}={data.getlist(key)}")
            continue
        where = form.errors.get(name, []) if key.startswith(name) else form.non_field_errors()
        assert any("more than one" in message for message in where), (key, form.errors)
        assert any(str(field.label) in message for message in where), (key, form.errors)
    assert not accepted, f"{slug}: the last value silently won for {accepted}"


def test_the_medicine_row_count_sent_twice_is_refused_rather_than_cut_to_the_last_count() -> None:
    data = as_query(step_data("medicines", EVERY_QUESTION))
    data.setlist("medications-TOTAL_FORMS", ["2", "0"])
    form = get_step("medicines").form_class(data, answers={}, today=TODAY)
    assert not form.is_valid()
    assert form.formset.non_form_errors()


BAD_INPUTS = ("", "not-an-option", "Al\u200bex", "x" * 2001, "-5", "99999", "2099-12-31", "13/45/2020")
GENERIC = {
    "Select yes or no", "Select yes, no or I'm not sure", "Select one of the answers",
    "Select one of the options",
    "Select an answer to this question", "Enter a date", "Enter an answer", "This field is required.",
    "Enter a real date, for example 2024-03-27",
}


def messages_of(field: forms.Field) -> set[str]:
    """What the field says to the bad inputs a patient (or a broken page) could send."""
    said = set()
    for value in BAD_INPUTS:
        sent = [value] * len(field.fields) if isinstance(field, forms.MultiValueField) else value
        try:
            field.clean([sent] if isinstance(field, forms.MultipleChoiceField) else sent)
        except forms.ValidationError as error:
            said.update(error.messages)
    return said


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_every_error_message_of_every_question_names_that_question(slug: str) -> None:
    form = get_step(slug).form_class(answers={}, today=TODAY)
    said = {name: messages_of(field) for name, field in form.fields.items()}
    for name, messages in said.items():
        assert not messages & GENERIC, (name, messages & GENERIC)
        for other, other_messages in said.items():
            assert other == name or not messages & other_messages, (name, other, messages & other_messages)
