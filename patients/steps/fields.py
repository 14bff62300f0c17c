"""Field builders for the intake steps, so each question is one readable line in its form."""

import calendar
import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from patients.steps.choices import CHOICES, YES_NO, YES_NO_UNSURE, offered
from patients.validators import validate_visible_text

NONE_OF_THESE = "none"
MONTH_ONLY = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
    re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"),
)
DAY_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]


def radio(label: str, field: str = "", *, choices: tuple = (), hint: str = "", required: bool = True,
          message: str = "", leave_out: tuple[str, ...] = ()) -> forms.ChoiceField:
    """A radio group (a fieldset with a legend) over `choices` or the spec's options of `field`."""
    choices = choices or offered(field, *leave_out)
    return forms.ChoiceField(
        label=label, help_text=hint, required=required, widget=forms.RadioSelect, choices=choices,
        error_messages={"required": message or missing_message(choices),
                        "invalid_choice": "Select one of the options"},
    )


def missing_message(choices: tuple) -> str:
    """The error for an unanswered radio group, naming the options when they are yes/no(/unsure)."""
    return {YES_NO: "Select yes or no", YES_NO_UNSURE: "Select yes, no or I'm not sure"}.get(
        tuple(choices), "Select one of the answers"
    )


class NoneOfTheseField(forms.MultipleChoiceField):
    """Checkboxes with an exclusive "None of these" box, so that no answer and "none" differ."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices: tuple, none_label: str = "None of these", **kwargs: object) -> None:
        required = f"Select all that apply, or \u201c{none_label}\u201d"
        invalid = "Select one of the options"
        kwargs.setdefault("error_messages", {"required": required, "invalid_choice": invalid})
        super().__init__(choices=(*choices, (NONE_OF_THESE, none_label)), **kwargs)
        self.none_label = none_label

    def clean(self, value: object) -> list[str]:
        chosen = super().clean(value)
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            message = f"Select \u201c{self.none_label}\u201d on its own, or untick it"
            raise ValidationError(message, code="exclusive")
        return [item for item in chosen if item != NONE_OF_THESE]


def checkboxes(label: str, field: str, *, hint: str = "Select all that apply.",
               none_label: str = "None of these") -> NoneOfTheseField:
    """A required "select all that apply" question over the spec's options of `field`."""
    return NoneOfTheseField(label=label, help_text=hint, choices=CHOICES[field], none_label=none_label)


def name_text(label: str, *, hint: str = "", required: bool = True, max_length: int = 100,
              message: str = "") -> forms.CharField:
    """A typed name: no control or invisible characters (see patients.validators)."""
    return forms.CharField(
        label=label, help_text=hint, required=required, max_length=max_length,
        validators=[validate_visible_text],
        error_messages={"required": message or f"Enter {label.lower()}"},
    )


def free_text(label: str, *, hint: str = "", required: bool = False, message: str = "") -> forms.CharField:
    """A longer answer kept for the consultation; not read by the screening rules."""
    return forms.CharField(
        label=label, help_text=hint, required=required, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message or "Enter an answer"},
    )


def past_date(label: str, *, hint: str = "", required: bool = True, message: str = "Enter a date",
              future: str = "The date must be today or in the past") -> forms.DateField:
    """A full date, typed or picked, that the form refuses if it lies after today."""
    return forms.DateField(
        label=label, help_text=hint, required=required, input_formats=DAY_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": message, "invalid": "Enter a real date, for example 2024-03-27",
                        "future": future},
    )


def last_day_of_month(year: int, month: int) -> date:
    """The last day of a month, so that an event known to the month never looks older than it is."""
    return date(year, month, calendar.monthrange(year, month)[1])


class MonthOrDayField(forms.DateField):
    """A date that may be given to the month only ("2024-03" or "03/2024"): stored as the month's last day."""

    widget = forms.TextInput
    latest: date | None = None  # the form sets today: "this month" then means "by today"

    def to_python(self, value: object) -> date | None:
        text = value.strip() if isinstance(value, str) else value
        for pattern in MONTH_ONLY if isinstance(text, str) else ():
            if found := pattern.match(text):
                return self.month_end(int(found["year"]), int(found["month"]))
        return super().to_python(text)

    def month_end(self, year: int, month: int) -> date:
        if not 1 <= month <= 12 or year < 1900:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        month_end = last_day_of_month(year, month)
        in_current_month = self.latest is not None and month_end.replace(day=1) <= self.latest < month_end
        return self.latest if in_current_month else month_end


def past_month_or_day(label: str, *, hint: str = "",
                      future: str = "The date must be in the past") -> MonthOrDayField:
    """An optional past date that may be known only to the month."""
    return MonthOrDayField(
        label=label, required=False, input_formats=DAY_FORMATS,
        help_text=hint or "For example 2024-03 or 03/2024. If you know the day, add it: 2024-03-27.",
        error_messages={"invalid": "Enter a month and year, for example 2024-03, or a full date",
                        "future": future},
    )
