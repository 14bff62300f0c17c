"""Questions written in Python carry the markup crispy-bootstrap5's field.html gives the same fields."""

import re

import pytest
from crispy_forms.layout import Layout
from crispy_forms.utils import render_crispy_form
from django.http import QueryDict
from django.test.signals import template_rendered

from patients.steps import STEPS, get_step
from patients.steps.questions import choice_group, writer
from tests.patients.answers import TODAY, step_data
from tests.patients.test_steps_base import EVERY_QUESTION, as_query

pytestmark = pytest.mark.django_db
FORM_STEPS = [step for step in STEPS if step.form_class is not None]


def normalized(html: str) -> str:
    """Markup without the template's line breaks and indents: around tags, no browser shows them."""
    html = re.sub(r"\s*\n\s*", " ", html)
    return re.sub(r">\s*", ">", re.sub(r"\s*<", "<", html)).replace("><", ">\n<")


def blank_data(step: object) -> QueryDict:
    """Every question unanswered, and every follow-up asked for: each field shows an error."""
    markers = {followup.marker: "1" for followup in step.form_class.followups}
    return as_query({**markers, "action": "continue"})


def yes_to_everything(step: object) -> QueryDict:
    """The complete answers, "yes" wherever "no" was, one answer left out: follow-ups shown, one error."""
    sent = step_data(step.slug, EVERY_QUESTION)
    data = {key: "yes" if value == "no" else value for key, value in sent.items()}
    data.pop(next(iter(data)))
    return as_query(data)


def pages(step: object) -> dict:
    return {"unanswered": None, "answered": None, "blank": blank_data(step), "yes": yes_to_everything(step)}


def make(step: object, data: QueryDict | None, name: str) -> object:
    answers = EVERY_QUESTION if name == "answered" else {}
    form = step.form_class(data, answers=answers, today=TODAY)
    form.is_valid() if data is not None else None
    return form


def through_crispy_templates(form: object) -> str:
    """The form as crispy renders it when the layout names its fields (bootstrap5/field.html)."""
    form.helper.layout = Layout(*form.layout_items())
    return render_crispy_form(form, form.helper)


def field_templates(form: object) -> int:
    """How many times rendering `form` renders crispy's bootstrap5/field.html."""
    seen = []

    def count(sender: object, template: object, **kwargs: object) -> None:
        seen.append(template.name)

    template_rendered.connect(count)
    try:
        html = render_crispy_form(form, form.helper)
    finally:
        template_rendered.disconnect(count)
    assert html
    return seen.count("bootstrap5/field.html")


@pytest.mark.parametrize("step", FORM_STEPS, ids=lambda step: step.slug)
def test_every_step_page_renders_as_crispy_templates_do(step: object) -> None:
    for name, data in pages(step).items():
        ours = render_crispy_form(make(step, data, name), make(step, data, name).helper)
        theirs = through_crispy_templates(make(step, data, name))
        assert normalized(ours) == normalized(theirs), f"{step.slug} ({name})"


@pytest.mark.parametrize("step", FORM_STEPS, ids=lambda step: step.slug)
def test_no_step_question_goes_through_crispys_field_template(step: object) -> None:
    form = make(step, blank_data(step), "blank")
    assert [name for name in form.fields if writer(form[name]) is None] == []
    assert field_templates(form) == 0


def test_radio_and_checkbox_groups_are_written_in_python() -> None:
    form = get_step("heart").form_class(None, answers={}, today=TODAY)
    assert writer(form["hx_mi"]) is choice_group
    form = get_step("why-care").form_class(None, answers={}, today=TODAY)
    assert writer(form["primary_indication"]) is choice_group
