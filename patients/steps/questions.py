"""One question of a step page, written in Python with the markup of crispy-bootstrap5's `field.html`.

crispy renders a field through `bootstrap5/field.html` and its includes: about a hundred template
variable look-ups per field, and a loop per radio option, which was most of a step page's CPU time
(~2,400 look-ups on the questionnaires). `Question` is a crispy layout object that writes the same
elements in Python: the `mb-3` wrapper, the fieldset and legend of a radio or checkbox group, the
label, the required marker, the widget with its `is-invalid` class and `aria-describedby`, the errors
and the help text. Widgets it does not write (a hidden input, a file)
and any helper setting other than the defaults the step forms use go through crispy's template as
before. `tests/patients/test_steps_questions.py` checks the two give the same markup for every step field.
"""

from collections.abc import Callable

from crispy_forms.layout import LayoutObject
from crispy_forms.utils import TEMPLATE_PACK, render_field
from django import forms
from django.forms import BoundField
from django.template import Context
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from patients.steps.renderer import attributes, text

ASTERISK = mark_safe('<span class="asteriskField">*</span>')
# The helper settings `field.html` reads; other values than these are rendered by crispy's template.
DEFAULT_FLAGS = {"form_show_errors": True, "form_show_labels": True, "help_text_inline": False}
LAYOUT_SETTINGS = ("label_class", "field_class", "wrapper_class", "inline_class", "form_class", "tag")


class Question(LayoutObject):
    """A field of the layout, by name, rendered in Python when its widget and the helper allow it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.fields = [name]

    def render(self, form: forms.Form, context: Context, template_pack: str = TEMPLATE_PACK,
               **kwargs: object) -> SafeString:
        field = form[self.name]
        write = writer(field)
        if write is None or not plain_helper(context) or getattr(form, "crispy_field_template", None):
            return render_field(self.name, form, context, template_pack=template_pack, **kwargs)
        form.rendered_fields.add(self.name)
        return write(field, inline_errors=bool(context.get("error_text_inline")))


def as_questions(items: list) -> list:
    """The layout items with every field name, also inside fieldsets, made a `Question`."""
    for index, item in enumerate(items):
        if isinstance(item, str):
            items[index] = Question(item)
        elif isinstance(getattr(item, "fields", None), list) and not isinstance(item, Question):
            as_questions(item.fields)
    return items


def plain_helper(context: Context) -> bool:
    """Whether the form is rendered with the helper defaults this module writes."""
    flags = all(context.get(name, default) == default for name, default in DEFAULT_FLAGS.items())
    return flags and not any(context.get(name) for name in LAYOUT_SETTINGS)


def writer(field: BoundField) -> Callable[..., SafeString] | None:
    """The function that writes `field`, or None for a widget crispy's template should render."""
    widget = field.field.widget
    if not field.label or widget.is_hidden:
        return None
    if isinstance(widget, forms.MultiWidget):
        return boxes_group if widget.use_fieldset else None
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return choice_group
    if isinstance(widget, forms.CheckboxInput):
        return tick_box
    if isinstance(widget, forms.FileInput):
        return None
    return single_input


def wrapper(field: BoundField, inner: SafeString) -> SafeString:
    extra = field.css_classes()
    classes = f"mb-3 {extra}" if extra else "mb-3"
    return format_html('<div id="div_{}" class="{}">{}</div>', field.auto_id, classes, inner)


def required_class(field: BoundField) -> str:
    return " requiredField" if field.field.required else ""


def label_text(field: BoundField) -> SafeString:
    return format_html("{}{}", field.label, ASTERISK if field.field.required else "")


def choice_group(field: BoundField, *, inline_errors: bool = True) -> SafeString:
    """A radio or checkbox group: a fieldset whose legend is the question, then one box per option.

    Its errors are paragraphs whatever the helper says, as in `radio_checkbox_select.html`.
    """
    return wrapper(field, format_html("{}<div >{}</div>{}</fieldset>", fieldset_and_legend(field),
                                      options(field), help_text(field)))


def boxes_group(field: BoundField, *, inline_errors: bool = True) -> SafeString:
    """A value typed in several boxes (a date as month, day and year): a fieldset whose legend is the
    question, each box with crispy's classes, then the errors and the help text."""
    for box in field.field.widget.widgets:
        box.attrs["class"] = widget_class(field, box)  # as `{% crispy_field %}` leaves each box
    errors = errors_block(field, "span" if inline_errors else "p")
    return wrapper(field, format_html("{}{}{}{}</fieldset>", fieldset_and_legend(field), field.as_widget(),
                                      errors, help_text(field)))


def fieldset_and_legend(field: BoundField) -> SafeString:
    """The opening of a question's fieldset, described by its help text and errors, and its legend."""
    described = field.aria_describedby
    return format_html(
        '<fieldset{}><legend{} class="form-label{} fs-6">{}</legend>',
        format_html(' aria-describedby="{}"', described) if described else "",
        format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
        required_class(field), label_text(field),
    )


def options(field: BoundField) -> SafeString:
    """The options as `radio_checkbox_select.html` writes them, the errors after the last one."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    invalid = " is-invalid" if field.errors else ""
    parts = []
    for number, (group, choices, _) in enumerate(groups, start=1):
        if group:
            parts.append(f"<strong>{text(group)}</strong>")
        for index, option in enumerate(choices, start=1):
            last = number == len(groups) and index == len(choices)
            parts.append(option_box(field, option, invalid, errors_block(field, "p") if last else ""))
    return mark_safe("".join(parts))


def option_box(field: BoundField, option: dict, invalid: str, errors: SafeString) -> str:
    """One option (an f-string, not format_html: this runs for every option of every question)."""
    attrs = option["attrs"]
    return (
        f'<div class="form-check"><input type="{text(option["type"])}" class="form-check-input{invalid}"  '
        f'name="{text(field.html_name)}" value="{text(option["value"])}" {attributes(attrs)}>'
        f'<label for="{text(attrs.get("id", ""))}" class="form-check-label">{text(option["label"])}</label>'
        f"{errors}</div>"
    )


def single_input(field: BoundField, *, inline_errors: bool = True) -> SafeString:
    """A label, then the widget with crispy's classes, then the errors and the help text."""
    label = format_html('<label{} class="form-label{}">{}</label>',
                        format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
                        required_class(field), label_text(field))
    control = field.as_widget(attrs={"class": widget_class(field)})
    errors = errors_block(field, "span" if inline_errors else "p")
    return wrapper(field, format_html("{}{}{}{}", label, control, errors, help_text(field)))


def tick_box(field: BoundField, *, inline_errors: bool = True) -> SafeString:
    """A single tick box: the box, then its label, in Bootstrap's `form-check`, the errors and help after."""
    control = field.as_widget(attrs={"class": widget_class(field)})
    label = format_html('<label for="{}" class="form-check-label{}">{}</label>', field.id_for_label,
                        required_class(field), label_text(field))
    extra = f" {field.css_classes()}" if field.css_classes() else ""
    errors = errors_block(field, "span" if inline_errors else "p")
    return format_html('<div class="mb-3"><div id="div_{}" class="form-check{}">{}{}{}{}</div></div>',
                       field.auto_id, extra, control, label, errors, help_text(field))


def widget_class(field: BoundField, box: forms.Widget | None = None) -> str:
    """The class of the field's widget (or of one `box` of it) as crispy's `{% crispy_field %}` leaves
    it: its own, its type, then Bootstrap's for the kind of field."""
    widget = field.field.widget
    css, kind = (box or widget).attrs.get("class", ""), type(box or widget).__name__.lower()
    css = (f"{css} {kind}" if css.find(kind) == -1 else css) if css else kind
    wanted = ("form-select" if isinstance(widget, forms.Select)
              else "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control")
    for name in (wanted, "is-invalid") if field.errors else (wanted,):
        css += "" if name in css.split() else f" {name}"
    return css


def errors_block(field: BoundField, tag: str) -> SafeString:
    if not field.errors:
        return SafeString("")
    messages = format_html_join("", "<{0} id=\"error_{1}_{2}\"><strong>{3}</strong></{0}>", (
        (tag, number, field.auto_id, error) for number, error in enumerate(field.errors, start=1)))
    return format_html('<div id="{}_error" class="invalid-feedback">{}</div>', field.errors.field_id,
                       messages)


def help_text(field: BoundField) -> SafeString:
    if not field.help_text:
        return SafeString("")
    id_attr = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
    return format_html('<div {}class="form-text">{}</div>', id_attr, mark_safe(field.help_text))
