"""The base of every intake step form: stored answers in, flat JSON answers out, follow-ups on a yes.

Follow-up questions (GOV.UK "conditional reveal") are rendered inside `<fieldset hidden disabled>`
until their trigger answer is given. A disabled fieldset submits nothing, so the hidden marker
input inside it (`<name>_shown`) tells the server whether the patient saw the follow-ups: without
JavaScript, the first "yes" re-shows the page with the follow-ups and asks for them; a script only
has to remove `hidden` and `disabled` from `[data-followup]` when a trigger answer is chosen.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html

from clinic.forms import SingleValueForm
from patients.steps.fields import MemorableDateField, MonthOrDayField, NoneOfTheseField
from patients.steps.questions import as_questions
from patients.steps.renderer import STEP_RENDERER

EMPTY = (None, "", [])


@dataclass(frozen=True)
class Followup:
    """Questions asked only when one of `controlled_by` holds one of `show_values`."""

    name: str
    fields: tuple[str, ...]
    controlled_by: tuple[str, ...]
    prompt: str
    show_values: frozenset[str] = frozenset({"yes"})
    required: bool = True

    @property
    def marker(self) -> str:
        return f"{self.name}_shown"

    def applies(self, values: Mapping) -> bool:
        """True when the trigger answers in `values` (stored answers or posted data) call for these."""
        return any(values.get(name) in self.show_values for name in self.controlled_by)


def to_json(value: object) -> object:
    """A cleaned form value as stored in Intake.answers: ISO dates, plain numbers, None for blank."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return None if value == "" else value


class IntakeStepForm(SingleValueForm):
    """One page of the intake. Construct as `form_class(data, answers=..., today=...)`.

    With `resumed=True` the data is what the patient typed before leaving the page with "Save and
    finish later": questions they had not answered yet are not errors until they send the page again.
    """

    followups: ClassVar[tuple[Followup, ...]] = ()
    lead: ClassVar[str] = ""
    default_renderer = STEP_RENDERER

    def __init__(self, data: Mapping | None = None, *, answers: Mapping, today: date | None = None,
                 resumed: bool = False, **kwargs: Any) -> None:
        super().__init__(data, initial=self.answers_to_initial(answers), **kwargs)
        self.answers = dict(answers)
        self.today = today or timezone.localdate()
        self.resumed = resumed
        for field in self.fields.values():
            if isinstance(field, MonthOrDayField | MemorableDateField):
                field.latest = self.today
        self.helper = self.build_helper()

    def full_clean(self) -> None:
        super().full_clean()
        if self.resumed and self.is_bound:
            for name in [name for name in self._errors if name in self.fields and name not in self.refused]:
                if not has_value(self[name].value()):
                    del self._errors[name]

    def refused_keys(self) -> Iterator[str]:
        """Posted names sent with more than one value, on the page and in its rows (a step's `formset`)."""
        yield from super().refused_keys()
        formset = getattr(self, "formset", None)
        for row in formset.forms if formset is not None else ():
            yield from row.refused_keys()

    def problems(self) -> list[str]:
        """One error per question that still needs an answer or a correction, in page order."""
        fields = [str(self.errors[name][0]) for name in self.fields if name in self.errors]
        return [*(str(message) for message in self.non_field_errors()), *fields]

    @classmethod
    def answer_names(cls) -> tuple[str, ...]:
        """The keys this step stores in Intake.answers."""
        return tuple(cls.base_fields)

    @classmethod
    def answers_to_initial(cls, answers: Mapping) -> dict:
        """Stored answers as the form's initial values ([] shows as a ticked "None of these")."""
        initial = {name: answers[name] for name in cls.base_fields if name in answers}
        for name, field in cls.base_fields.items():
            if isinstance(field, NoneOfTheseField) and initial.get(name) == []:
                initial[name] = ["none"]
        return initial

    def cleaned_answers(self) -> dict:
        """The flat, JSON-ready answers of a valid form; follow-ups that no longer apply become None."""
        stored = {name: to_json(self.cleaned_data.get(name)) for name in self.answer_names()}
        for followup in self.followups:
            if not followup.applies(stored):
                stored.update(dict.fromkeys(followup.fields))
        return stored

    def posted_answers(self) -> dict:
        """The valid answers of a posted page, even when other answers on it have errors."""
        self.is_valid()
        return {name: to_json(value) for name, value in self.cleaned_data.items()}

    def posted_readings(self) -> list[dict]:
        """The valid answers as posted, and again for each value of a question sent twice.

        A page refused for "yes" and "no" to one question must still show crisis help for the "yes".
        """
        readings = [self.posted_answers()]
        for key in (key for keys in self.refused.values() for key in keys):
            for value in self.sent_data.getlist(key):
                data = self.data.copy()
                data.setlist(key, [value])
                readings.append(type(self)(data, answers=self.answers, today=self.today).posted_answers())
        return readings

    def visible_followups(self) -> tuple[str, ...]:
        """Names of the follow-up groups to show, from the posted data or else the stored answers."""
        values = self.data if self.is_bound else self.initial
        return tuple(followup.name for followup in self.followups if followup.applies(values))

    def clean(self) -> dict:
        cleaned = super().clean()
        self.check_dates_not_future(cleaned)
        for followup in self.followups:
            if followup.applies(cleaned):
                self.check_followup(followup, cleaned)
            else:
                self.ignore_followup(followup, cleaned)
        return cleaned

    def ignore_followup(self, followup: Followup, cleaned: dict) -> None:
        """Answers to follow-ups that do not apply are dropped, so they cannot block the page."""
        for name in followup.fields:
            self.errors.pop(name, None)
            cleaned[name] = None

    def check_dates_not_future(self, cleaned: dict) -> None:
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, forms.DateField) and value is not None and value > self.today:
                self.add_error(name, field.error_messages["future"])

    def check_followup(self, followup: Followup, cleaned: dict) -> None:
        unanswered = [
            name for name in followup.fields if cleaned.get(name) in EMPTY and name not in self.errors
        ]
        if not self.data.get(followup.marker) and len(unanswered) == len(followup.fields):
            self.add_error(followup.fields[0], followup.prompt)
        elif followup.required:
            for name in unanswered:
                self.add_error(name, self.fields[name].error_messages["required"])

    def build_helper(self) -> FormHelper:
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*as_questions(self.layout_items()))
        return helper

    def layout_items(self) -> list:
        """The page's layout: the lead paragraph, then each field in order with follow-ups grouped."""
        items: list = [HTML(format_html('<p class="lead">{}</p>', self.lead))] if self.lead else []
        placed: set[str] = set()
        for name in self.fields:
            followup = next((f for f in self.followups if name in f.fields), None)
            if followup is None:
                items.append(name)
            elif followup.name not in placed:
                placed.add(followup.name)
                items.append(self.followup_fieldset(followup))
        return items

    def followup_fieldset(self, followup: Followup) -> Fieldset:
        shown = followup.name in self.visible_followups()
        marker = format_html('<input type="hidden" name="{}" value="1">', followup.marker)
        return Fieldset(
            "", *followup.fields, HTML(marker),
            css_class="intake-followup border-start border-4 ps-3 mb-3",
            data_followup=followup.name, data_controlled_by=" ".join(followup.controlled_by),
            data_show_values=" ".join(sorted(followup.show_values)), hidden=not shown, disabled=not shown,
        )

    @classmethod
    def review_rows(cls, answers: Mapping) -> list[tuple[str, str]]:
        """(question, answer in words) for each question of this step that applies to `answers`."""
        initial = cls.answers_to_initial(answers)
        skipped = {name for f in cls.followups if not f.applies(answers) for name in f.fields}
        return [
            (str(field.label), describe(field, initial[name]))
            for name, field in cls.base_fields.items()
            if name in initial and name not in skipped
        ]


def has_value(value: object) -> bool:
    """Whether a bound field holds something the patient typed or chose (parts of a date count)."""
    values = value if isinstance(value, list | tuple) else [value]
    return any(item not in EMPTY and item is not False for item in values)


def describe(field: forms.Field, value: object) -> str:
    """An answer in the words the patient chose."""
    if value in EMPTY:
        return "Not given"
    if isinstance(field, forms.ChoiceField):
        labels = dict(field.choices)
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(item, item)) for item in values)
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.DateField | MemorableDateField) and isinstance(value, str):
        day = date.fromisoformat(value)
        return f"{day:%B} {day.day}, {day.year}"
    return str(value)

