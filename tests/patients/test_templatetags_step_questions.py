"""`as_question` gives the medicine rows the markup crispy's `as_crispy_field` gives them."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from patients.steps.medicines import MedicinesForm
from patients.steps.questions import choice_group, writer
from patients.templatetags.step_questions import as_question
from tests.patients.answers import TODAY, medication_rows
from tests.patients.test_steps_questions import normalized

pytestmark = pytest.mark.django_db
ROWS = [
    {"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"},
    {"name": "", "dose": "5 mg"},  # a dose without a name: an error on the name
    {"name": "Sertrline", "dose": "50 mg"},  # a near miss: "Did you mean sertraline?", unanswered
    {"name": "Lithium <b>&</b> \"quoted\"", "frequency": "when it's needed"},
]


def rows() -> list:
    form = MedicinesForm(medication_rows(ROWS), answers={}, today=TODAY)
    form.is_valid()
    return form.formset.forms


def test_every_row_field_is_written_as_crispy_writes_it() -> None:
    fields = [row[name] for row in rows() for name in row.fields]
    assert any(field.errors for field in fields)
    for field in fields:
        assert normalized(as_question(field)) == normalized(as_crispy_field(field)), field.html_name


@pytest.mark.parametrize("data", [None, {**medication_rows(ROWS[:1]), "no_medicines": "on"}, {}])
def test_i_dont_take_any_medicines_is_written_as_crispy_writes_it_with_the_forms_helper(data: object) -> None:
    form = MedicinesForm(data, answers={}, today=TODAY)
    form.is_valid() if data is not None else None
    field = form["no_medicines"]
    assert normalized(as_question(field)) == normalized(as_crispy_field(field))
    assert writer(field) is not None


def test_the_did_you_mean_question_is_written_in_python() -> None:
    questions = [field for row in rows() for field in row.question_fields]
    assert questions
    assert all(writer(field) is choice_group for field in questions)
