"""The medicines step: one row per medicine (a formset), or "I don't take any medicines"."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from crispy_forms.layout import HTML, LayoutObject
from django import forms
from django.template.loader import render_to_string
from django.utils.html import format_html

from clinic.forms import SingleValueForm, SingleValueFormSet
from patients.steps.base import IntakeStepForm
from patients.steps.fields import name_text, visible_text_messages
from patients.steps.medicine_names import KEEP, NAME_CHECK, NameChecker, kept_name
from patients.steps.renderer import STEP_RENDERER
from patients.validators import validate_visible_text

MEDICATION_PREFIX = "medications"
NO_MEDICINES = "I don't take any medicines"
BLANK_ROWS_FIRST_VISIT = 3  # without JavaScript, most patients can list theirs in one go


def row_text(label: str, hint: str) -> forms.CharField:
    return forms.CharField(label=label, help_text=hint, required=False, max_length=100,
                           validators=[validate_visible_text],
                           error_messages=visible_text_messages(label, 100))


class MedicationForm(SingleValueForm):
    """One medicine as the patient writes it; the name is what the screening dictionary matches.

    A name the matcher does not fully recognise gets questions (patients.steps.medicine_names) under it.
    The hidden `asked` field holds the name they were asked about: answers count only for that name,
    so changing the name asks again.
    """

    name = name_text("Name of the medicine", hint="As written on the box or label, for example sertraline",
                     required=False)
    asked = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    dose = row_text("Dose", "For example 50 mg. Leave blank if you don't know.")
    frequency = row_text("How often you take it", "For example once a day, or when needed.")

    def __init__(self, *args: Any, names: NameChecker | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        self.typed = self.typed_name()
        self.questions = names.questions(self.typed) if names is not None and self.typed else ()
        if self.questions:
            self.ask()

    def typed_name(self) -> str:
        """The name as posted, if it is one to check: valid, and on a row that is not being removed."""
        if not self.is_bound or self.data.get(self.add_prefix("DELETE")):
            return ""
        try:
            return self.fields["name"].clean(self.data.get(self.add_prefix("name"), ""))
        except forms.ValidationError:
            return ""

    def ask(self) -> None:
        """Add the questions; answers posted for another name (since changed) are dropped, not applied."""
        data = self.data.copy()
        if data.get(self.add_prefix("asked")) != self.typed:
            for key in [key for key in data if key.startswith(self.add_prefix("check_"))]:
                del data[key]
            data[self.add_prefix("asked")] = self.typed
        self.data = data
        for index, question in enumerate(self.questions):
            self.fields[f"check_{index}"] = question.field()

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"check_{index}"] for index in range(len(self.questions))]

    def clean(self) -> dict:
        cleaned = super().clean()
        described = cleaned.get("dose") or cleaned.get("frequency")
        if described and not cleaned.get("name") and not cleaned.get("DELETE") and "name" not in self.errors:
            self.add_error("name", "Enter the name of the medicine, or remove this row")
        for index, question in enumerate(self.questions):
            if not cleaned.get(f"check_{index}"):
                self.add_error(f"check_{index}", question.unanswered)
        return cleaned

    def answers(self) -> list[str]:
        """Each question's answer, USE or KEEP (a ticked "keep" box is a list of one)."""
        values = [self.cleaned_data[f"check_{index}"] for index in range(len(self.questions))]
        return [KEEP if isinstance(value, list) else value for value in values]

    def as_answer(self) -> dict | None:
        """The row as stored ({name, dose, frequency}, blanks as None), or None for a blank or removed row.

        A name the patient was asked about is stored as they kept it, with NAME_CHECK beside it.
        """
        data = self.cleaned_data
        if data.get("DELETE") or not data.get("name"):
            return None
        row = {key: data.get(key) or None for key in ("name", "dose", "frequency")}
        if self.questions:
            answers = self.answers()
            row["name"] = kept_name(self.typed, self.questions, answers, self.names.matcher.normalize)
            row[NAME_CHECK] = self.names.record(self.typed, self.questions, answers)
        elif self.names is not None and row["name"] in self.names.confirmed:
            row[NAME_CHECK] = self.names.confirmed[row["name"]]
        return row


class BaseMedicationFormSet(SingleValueFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this medicine"


MedicationFormSet = forms.formset_factory(
    MedicationForm, formset=BaseMedicationFormSet, extra=1, can_delete=True, max_num=40, validate_max=True,
    renderer=STEP_RENDERER,  # the rows' and the row count's boxes written in Python, as on every step
)


class FormsetBlock(LayoutObject):
    """Renders the step's formset (management form and rows) where it sits in the crispy layout."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.fields = []

    def render(self, form: forms.Form, context: Any, template_pack: str = "", **kwargs: Any) -> str:
        return render_to_string(self.template, {"formset": form.formset, "form": form})


class MedicinesForm(IntakeStepForm):
    """The medicines list; `form.formset` holds the rows and is validated with the form."""

    lead = ("List every medicine you take, including ones you buy without a prescription, vitamins and "
            "herbal remedies. Some medicines do not mix well with ketamine.")

    no_medicines = forms.BooleanField(label=NO_MEDICINES, required=False)

    def __init__(self, data: Mapping | None = None, *, answers: Mapping, today: date | None = None,
                 **kwargs: Any) -> None:
        saved = answers.get("medications") or []
        self.formset = MedicationFormSet(
            data, prefix=MEDICATION_PREFIX, initial=saved, form_kwargs={"names": NameChecker(saved)}
        )
        self.formset.extra = 1 if saved else BLANK_ROWS_FIRST_VISIT
        super().__init__(data, answers=answers, today=today, **kwargs)

    @classmethod
    def answer_names(cls) -> tuple[str, ...]:
        return ("medications",)

    @classmethod
    def answers_to_initial(cls, answers: Mapping) -> dict:
        return {"no_medicines": True} if answers.get("medications") == [] else {}

    def layout_items(self) -> list:
        return [
            HTML(format_html('<p class="lead">{}</p>', self.lead)),
            FormsetBlock("patients/steps/_medication_formset.html"),
            HTML('<p class="fw-bold">or</p>'),
            "no_medicines",
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.formset.is_valid():
            self.check_list_or_none(bool(self.medications()), cleaned.get("no_medicines", False))
        else:
            self.report_row_errors()
        return cleaned

    def report_row_errors(self) -> None:
        """Repeat each row's problems at the top of the form, so the page's error summary lists them."""
        for number, errors in enumerate(self.formset.errors, start=1):
            for message in (message for field_errors in errors.values() for message in field_errors):
                self.add_error(None, f"Medicine {number}: {message}")
        for message in self.formset.non_form_errors():
            self.add_error(None, message)

    def check_list_or_none(self, listed: bool, none_ticked: bool) -> None:
        if listed and none_ticked:
            message = f"Untick \u201c{NO_MEDICINES}\u201d, or remove the medicines you listed"
            self.add_error("no_medicines", message)
        elif not listed and not none_ticked:
            self.add_error("no_medicines", f"List the medicines you take, or tick \u201c{NO_MEDICINES}\u201d")

    def shown_rows(self) -> list[tuple[forms.Form, int]]:
        """The rows to show, numbered 1, 2, 3: a row the patient removed is neither shown nor counted."""
        kept = [row for row in self.formset.forms if not (row.is_bound and row["DELETE"].value())]
        return list(zip(kept, range(1, len(kept) + 1), strict=True))

    def medications(self) -> list[dict]:
        return [row for form in self.formset.forms if (row := form.as_answer()) is not None]

    def cleaned_answers(self) -> dict:
        return {"medications": self.medications()}

    @classmethod
    def review_rows(cls, answers: Mapping) -> list[tuple[str, str]]:
        medications = answers.get("medications")
        if medications is None:
            return []
        if not medications:
            return [("Medicines", NO_MEDICINES)]
        return [(f"Medicine {number}", describe_medication(row)) for number, row in enumerate(medications, 1)]


def describe_medication(row: Mapping) -> str:
    """"Sertraline, 50 mg, once a day": the parts the patient gave."""
    return ", ".join(part for part in (row.get("name"), row.get("dose"), row.get("frequency")) if part)
