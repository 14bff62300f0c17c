"""`{{ field|as_question }}`: crispy's `as_crispy_field` markup, written in Python where it can be.

The medicine rows render their fields one by one (`templates/patients/_medicine_row.html`); this writes
them as the step pages' layout does (patients.steps.questions), with crispy's filter for the rest.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from patients.steps.questions import writer

register = template.Library()


@register.filter
def as_question(field: BoundField) -> SafeString:
    """As `as_crispy_field` on a form without a helper (errors as paragraphs, help text below)."""
    write = writer(field)
    if write is None or getattr(field.form, "helper", None) is not None:
        return as_crispy_field(field)
    return write(field, inline_errors=False)
