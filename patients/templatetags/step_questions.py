"""`{{ field|as_question }}`: crispy's `as_crispy_field` markup, written in Python where it can be.

The medicine rows render their fields one by one (`templates/patients/_medicine_row.html`); this writes
them as the step pages' layout does (patients.steps.questions), with crispy's filter for the rest.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from patients.steps.questions import plain_helper, writer

register = template.Library()


@register.filter
def as_question(field: BoundField) -> SafeString:
    """As `as_crispy_field`, with the settings it reads from the form's helper, if the form has one."""
    helper = getattr(field.form, "helper", None)
    settings = {"form_show_errors": True, "form_show_labels": True, "label_class": "", "field_class": ""}
    settings |= helper.get_attributes() if helper is not None else {}
    write = writer(field)
    if write is None or not plain_helper(settings) or (helper is not None and helper.field_template):
        return as_crispy_field(field)
    return write(field, inline_errors=bool(settings.get("error_text_inline")))
