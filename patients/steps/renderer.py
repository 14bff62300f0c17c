"""The step forms' form renderer: boxes and lists written in Python, everything else by Django's templates.

Django renders each widget through a template (`text.html` includes `input.html`, which includes
`attrs.html`; a `<select>` includes `select_option.html` for each option): about 0.2 ms a box, and
as much for the 52 states as for the rest of "About you". The markup of an `<input>`, a `<textarea>`
and a `<select>` is small and fixed, so this renderer writes it for the templates named below, with
the same attributes in the same order, and hands every other template (errors, other widgets) to Django.
`tests/patients/test_steps_renderer.py` compares the two for every box of every step.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "number", "email", "url", "tel", "search", "password", "date", "hidden",
                 "checkbox")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class StepRenderer(DjangoTemplates):
    """Django's own renderer, but `<input>`, `<textarea>` and `<select>` are written in Python."""

    def render(self, template_name: str, context: dict, request: object = None) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        write = WRITERS.get(template_name) if widget is not None else None
        written = write(widget) if write is not None else None
        return written if written is not None else super().render(template_name, context, request)


STEP_RENDERER = StepRenderer()  # one instance: each keeps its own template engine


def input_tag(widget: dict) -> str:
    """As `input.html`: type, name, the value unless None, then the attributes."""
    value = "" if widget["value"] is None else f' value="{text(widget["value"])}"'
    kind, name = text(widget["type"]), text(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes(widget["attrs"])}>'


def textarea_tag(widget: dict) -> str:
    """As `textarea.html`: the line break after the opening tag is the template's (browsers drop it)."""
    value = text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


def select_tag(widget: dict) -> str | None:
    """As `select.html` with `select_option.html` for each option (None for options of another template).

    `select_option.html` ends with a line break, so each option does too.
    """
    groups = widget["optgroups"]
    if any(option["template_name"] != OPTION_TEMPLATE for _, options, _ in groups for option in options):
        return None
    parts = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group, options, _ in groups:
        parts.append(f'\n  <optgroup label="{text(group)}">' if group else "")
        parts.extend(f'\n  <option value="{text(option["value"])}"{attributes(option["attrs"])}>'
                     f'{text(option["label"])}</option>\n' for option in options)  # as the file ends
        parts.append("\n  </optgroup>" if group else "")
    return "".join([*parts, "\n</select>"])


def attributes(attrs: dict) -> str:
    """As `attrs.html`: ` name="value"`, the name alone for True, nothing for False."""
    return "".join(
        f" {text(name)}" if value is True else f' {text(name)}="{text(value)}"'
        for name, value in attrs.items() if value is not False
    )


def text(value: object) -> str:
    """`value` (or `value|stringformat:'s'`) escaped as the templates' autoescape does."""
    value = str(value) if isinstance(value, Promise) else value
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


WRITERS = {
    **dict.fromkeys(INPUT_TEMPLATES, input_tag), TEXTAREA_TEMPLATE: textarea_tag, SELECT_TEMPLATE: select_tag,
}
