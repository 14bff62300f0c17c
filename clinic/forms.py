"""Form rules every app shares: one value per single-answer question, and names that read as typed.

A browser sends one value for a radio group, a select, a text box or a tick box. A POST that sends
two (`cssrs_q1=yes&cssrs_q1=no`) was made by hand or by a broken page: Django would keep the last
value and drop the other without a word, and a "yes" to a safety question could be lost. Such a
question is treated as unanswered and carries an error that names it, so nothing on the page is saved.
"""

import unicodedata
from collections.abc import Iterator

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.utils.functional import cached_property

from clinic.validators import validate_visible_text

SEVERAL_VALUES = "several_values"


def single_value_names(name: str, widget: forms.Widget) -> list[str]:
    """The names under which `widget` reads exactly one value ([] for multiple-choice widgets)."""
    if isinstance(widget, forms.MultiWidget):
        return [
            sub_name
            for suffix, sub_widget in zip(widget.widgets_names, widget.widgets, strict=True)
            for sub_name in single_value_names(name + suffix, sub_widget)
        ]
    return [] if getattr(widget, "allow_multiple_selected", False) else [name]


class SingleValueForm(forms.Form):
    """A form that refuses a question sent with more than one value, instead of keeping the last one."""

    def several_values(self) -> dict[str, list[str]]:
        """Field name -> the posted names that came with more than one value, for single-answer fields."""
        if not self.is_bound or not hasattr(self.data, "getlist"):
            return {}
        found: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            posted = [key for key in single_value_names(self.add_prefix(name), field.widget)
                      if len(self.data.getlist(key)) > 1]
            if posted:
                found[name] = posted
        return found

    refused: dict[str, list[str]] = {}  # what full_clean found, as several_values() said before cleaning

    def full_clean(self) -> None:
        several = self.refused = self.several_values()
        self.sent_data = self.data
        if several:
            # Cleaned as unanswered, so no check downstream (follow-ups, crisis help) reads a dropped value.
            self.data = self.data.copy()
            for key in (key for keys in several.values() for key in keys):
                self.data.pop(key)
        super().full_clean()
        if several and not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        for name in several:
            self._errors.pop(name, None)
            self.add_error(name, ValidationError(self.several_values_message(name), code=SEVERAL_VALUES))

    def several_values_message(self, name: str) -> str:
        label = self.fields[name].label or name.replace("_", " ").capitalize()
        return (f"Give one answer to \u201c{label}\u201d. We received more than one, so this page was not "
                "saved")

    def refused_keys(self) -> Iterator[str]:
        """Every posted name that carried more than one value for a single-answer question."""
        self.is_valid()
        for keys in self.refused.values():
            yield from keys


class SingleValueManagementForm(SingleValueForm, ManagementForm):
    """A formset's row count: sent twice, the formset is refused rather than cut to the last count."""

    def full_clean(self) -> None:
        super().full_clean()
        # As ManagementForm.clean does for a missing count: no rows, and the formset reports the error.
        for name in (TOTAL_FORM_COUNT, INITIAL_FORM_COUNT):
            self.cleaned_data.setdefault(name, 0)


class SingleValueFormSet(forms.BaseFormSet):
    """A formset whose rows and row count refuse a value sent twice (rows: use a SingleValueForm)."""

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        # A removed row's errors are dropped by the formset, but a value sent twice still means the page
        # was not made by the form the patient saw: refuse it rather than guess.
        removed = [form for form in self.forms if self.can_delete and self._should_delete_form(form)]
        if any(getattr(form, "refused", None) for form in removed):
            self._non_form_errors.append(ValidationError(
                "A removed row was sent with more than one answer to one question, so this page was not "
                "saved",
                code=SEVERAL_VALUES,
            ))

    @cached_property
    def management_form(self) -> ManagementForm:
        if not self.is_bound:
            return super().management_form
        form = SingleValueManagementForm(self.data, auto_id=self.auto_id, prefix=self.prefix,
                                         renderer=self.renderer)
        form.full_clean()
        return form


def normalize_text(value: str) -> str:
    """Text as stored: Unicode NFC, so that one name is always one string of characters."""
    return unicodedata.normalize("NFC", value)


class VisibleTextField(forms.CharField):
    """Typed text stored in NFC that may hold no control or invisible characters (names, signatures)."""

    default_validators = [validate_visible_text]

    def to_python(self, value: object) -> str:
        return normalize_text(super().to_python(value))
