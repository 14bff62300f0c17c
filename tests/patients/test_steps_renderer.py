"""The step forms' renderer writes every box exactly as Django's widget templates do."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.signals import template_rendered

from patients.steps.renderer import INPUT_TEMPLATES, SELECT_TEMPLATE, STEP_RENDERER, TEXTAREA_TEMPLATE
from tests.patients.test_steps_questions import FORM_STEPS, make, pages

pytestmark = pytest.mark.django_db
DJANGO_TEMPLATES = DjangoTemplates()


def every_form(step: object) -> list:
    """The step's form on each kind of page, and its medicine rows if it has any."""
    forms = [make(step, data, name) for name, data in pages(step).items()]
    return [*forms, *(row for form in forms for row in getattr(getattr(form, "formset", None), "forms", []))]


def widgets(form: object, renderer: object = None, names: list[str] | None = None) -> dict[str, str]:
    """Each field's widget, with `renderer` or else the form's own (a step's, a row's)."""
    form.renderer = renderer or form.renderer
    return {name: str(form[name].as_widget()) for name in form.fields if names is None or name in names}


def boxes(form: object) -> list[str]:
    """The fields whose widget is an `<input>`, a `<textarea>` or a `<select>` the renderer writes."""
    written = INPUT_TEMPLATES | {TEXTAREA_TEMPLATE, SELECT_TEMPLATE}
    return [name for name, field in form.fields.items() if field.widget.template_name in written]


def templates_used(form: object) -> list[str]:
    seen = []

    def record(sender: object, template: object, **kwargs: object) -> None:
        seen.append(template.name)

    template_rendered.connect(record)
    try:
        widgets(form, names=boxes(form))
    finally:
        template_rendered.disconnect(record)
    return seen


@pytest.mark.parametrize("step", FORM_STEPS, ids=lambda step: step.slug)
def test_every_box_is_written_as_django_writes_it(step: object) -> None:
    for form in every_form(step):
        assert widgets(form, STEP_RENDERER) == widgets(form, DJANGO_TEMPLATES)


@pytest.mark.parametrize("step", FORM_STEPS, ids=lambda step: step.slug)
def test_text_boxes_are_written_without_django_templates(step: object) -> None:
    for form in every_form(step):
        assert templates_used(form) == []


def test_the_steps_have_boxes_of_each_kind_the_renderer_writes() -> None:
    kinds = {form.fields[name].widget.template_name
             for step in FORM_STEPS for form in every_form(step) for name in boxes(form)}
    assert {TEXTAREA_TEMPLATE, SELECT_TEMPLATE, "django/forms/widgets/text.html",
            "django/forms/widgets/number.html", "django/forms/widgets/date.html",
            "django/forms/widgets/hidden.html", "django/forms/widgets/checkbox.html"} <= kinds


def test_the_medicine_rows_and_their_count_use_the_step_renderer() -> None:
    form = make(FORM_STEPS[[step.slug for step in FORM_STEPS].index("medicines")], None, "answered")
    renderers = {form.renderer, form.formset.renderer, form.formset.management_form.renderer,
                 form.formset.empty_form.renderer, *(row.renderer for row in form.formset.forms)}
    assert renderers == {STEP_RENDERER}


def test_a_value_and_attributes_are_escaped_as_django_escapes_them() -> None:
    widget = {"type": "text", "name": "first_name", "value": 'A "quoted" <b>&</b> name',
              "attrs": {"id": "id_first_name", "required": True, "disabled": False, "data-x": "it's"}}
    context = {"widget": widget}
    for template in ("django/forms/widgets/text.html", "django/forms/widgets/textarea.html"):
        assert STEP_RENDERER.render(template, context) == DJANGO_TEMPLATES.render(template, context)


def test_a_list_with_option_groups_is_written_as_django_writes_it() -> None:
    widget = forms.Select(choices=[("", "Choose"), ("North & east", [("ny", "New York"), ("me", "Maine")]),
                                   ("tx", "Texas <TX>")])
    context = widget.get_context("state", "me", {"id": "id_state", "required": True})
    assert ">Maine</option>" in STEP_RENDERER.render(SELECT_TEMPLATE, context)
    assert STEP_RENDERER.render(SELECT_TEMPLATE, context) == DJANGO_TEMPLATES.render(SELECT_TEMPLATE, context)
