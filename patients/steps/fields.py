"""Field builders for the intake steps, so each question is one readable line in its form."""

import calendar
import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from clinic.forms import VisibleTextField
from patients.steps.choices import CHOICES, offered

NONE_OF_THESE = "none"
MONTH_ONLY = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
    re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"),
)
DAY_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]


def radio(label: str, field: str = "", *, message: str, choices: tuple = (), hint: str = "",
          required: bool = True, leave_out: tuple[str, ...] = ()) -> forms.ChoiceField:
    """A radio group (a fieldset with a legend) over `choices` or the spec's options of `field`.

    `message` names the question, as GOV.UK errors do: "Select whether you have ever had a heart attack".
    """
    return forms.ChoiceField(
        label=label, help_text=hint, required=required, widget=forms.RadioSelect,
        choices=choices or offered(field, *leave_out),
        error_messages={"required": message, "invalid_choice": message},
    )


def visible_text_messages(label: str, max_length: int) -> dict[str, str]:
    """Errors for typed text that name the question: hidden characters, and text that is too long."""
    return {
        "invisible_character": f"Remove hidden or special characters, such as tabs, line breaks or invisible "
                               f"spaces, from \u201c{label}\u201d",
        "max_length": f"\u201c{label}\u201d must be {max_length:,} characters or fewer",
    }


class NoneOfTheseField(forms.MultipleChoiceField):
    """Checkboxes with an exclusive "None of these" box, so that no answer and "none" differ."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices: tuple, topic: str, none_label: str = "None of these",
                 **kwargs: object) -> None:
        required = f"Select {topic}, or \u201c{none_label}\u201d"
        kwargs.setdefault("error_messages", {"required": required, "invalid_choice": required})
        super().__init__(choices=(*choices, (NONE_OF_THESE, none_label)), **kwargs)
        self.none_label = none_label
        self.exclusive = f"Select {topic}, or \u201c{none_label}\u201d on its own"

    def clean(self, value: object) -> list[str]:
        chosen = super().clean(value)
        if NONE_OF_THESE in chosen and len(chosen) > 1:
            raise ValidationError(self.exclusive, code="exclusive")
        return [item for item in chosen if item != NONE_OF_THESE]


def checkboxes(label: str, field: str, *, topic: str, hint: str = "Select all that apply.",
               none_label: str = "None of these") -> NoneOfTheseField:
    """A required "select all that apply" question over the spec's options of `field`.

    `topic` names what is asked in its errors: "Select {topic}, or "None of these"".
    """
    return NoneOfTheseField(label=label, help_text=hint, choices=CHOICES[field], topic=topic,
                            none_label=none_label)


def name_text(label: str, *, hint: str = "", required: bool = True, max_length: int = 100,
              message: str = "") -> VisibleTextField:
    """A typed name, stored in Unicode NFC, with no control or invisible characters (clinic.validators)."""
    return VisibleTextField(
        label=label, help_text=hint, required=required, max_length=max_length,
        error_messages={"required": message or f"Enter {label.lower()}",
                        **visible_text_messages(label, max_length)},
    )


def free_text(label: str, *, hint: str = "", required: bool = False, message: str = "") -> forms.CharField:
    """A longer answer kept for the consultation; not read by the screening rules."""
    return forms.CharField(
        label=label, help_text=hint, required=required, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message or f"Answer \u201c{label}\u201d",
                        "max_length": visible_text_messages(label, 2000)["max_length"]},
    )


def past_date(label: str, *, message: str, invalid: str, future: str, hint: str = "",
              required: bool = True) -> forms.DateField:
    """A recent full date picked from the browser's calendar, refused if it lies after today.

    The calendar shows the date in the browser's own format, so no hint may claim a format.
    """
    return forms.DateField(
        label=label, help_text=hint, required=required, input_formats=DAY_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": message, "invalid": invalid, "future": future},
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


def past_month_or_day(label: str, *, invalid: str, future: str, hint: str = "") -> MonthOrDayField:
    """An optional past date that may be known only to the month."""
    return MonthOrDayField(
        label=label, required=False, input_formats=DAY_FORMATS,
        help_text=hint or "For example 2024-03 or 03/2024. If you know the day, add it: 2024-03-27.",
        error_messages={"invalid": invalid, "future": future},
    )


MONTH_NAMES = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names) if name
}
DATE_PARTS = (("month", "Month"), ("day", "Day"), ("year", "Year"))


class MemorableDateWidget(forms.MultiWidget):
    """GOV.UK's date input in US order: Month, Day and Year boxes, each with its own label."""

    template_name = "patients/widgets/memorable_date.html"

    def __init__(self, autocomplete: str = "") -> None:
        widgets = {
            part: forms.TextInput(attrs={
                "inputmode": "numeric", "class": f"date-part-{part}",
                **({"autocomplete": f"{autocomplete}-{part}"} if autocomplete else {}),
            })
            for part, _ in DATE_PARTS
        }
        super().__init__(widgets)

    def decompress(self, value: object) -> list:
        if isinstance(value, str) and value:
            value = date.fromisoformat(value)
        return [value.month, value.day, value.year] if isinstance(value, date) else [None, None, None]

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        labels = [label for _, label in DATE_PARTS]
        context["widget"]["parts"] = list(zip(labels, context["widget"]["subwidgets"], strict=True))
        return context

    def render(self, name: str, value: object, attrs: dict | None = None, renderer: object = None) -> str:
        # The project's template engine (templates/), not the form renderer's, which only knows Django's own.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class InlineOptionsSelect(forms.Select):
    """A select whose options the step forms' renderer writes in Python (patients.steps.renderer), not
    one template (and its attributes) each: the list of states renders 52 options, which cost a third
    of the "About you" page through Django's templates. The class name stays in crispy's classes."""


class MemorableDateField(forms.MultiValueField):
    """A date someone knows by heart (date of birth), typed in three boxes; refused if after today."""

    latest: date | None = None  # the form sets today

    def __init__(self, *, what: str, autocomplete: str = "", **kwargs: object) -> None:
        self.what = what
        parts = [forms.CharField(required=False) for _ in DATE_PARTS]
        super().__init__(parts, widget=MemorableDateWidget(autocomplete), require_all_fields=False, **kwargs)
        self.error_messages = {**self.error_messages, "required": f"Enter {what.lower()}",
                               "incomplete": f"Enter {what.lower()}"}

    def compress(self, data_list: list) -> date | None:
        month, day, year = (str(part or "").strip() for part in [*data_list, "", "", ""][:3])
        if not (month or day or year):
            return None
        missing = [label.lower() for (_, label), part in zip(DATE_PARTS, (month, day, year), strict=True)
                   if not part]
        if missing:
            raise ValidationError(f"{self.what} must include a {' and a '.join(missing)}", code="incomplete")
        return self.checked_date(month, day, year)

    def checked_date(self, month: str, day: str, year: str) -> date:
        number = MONTH_NAMES.get(month.lower().rstrip("."), month)
        if not (str(number).isdigit() and day.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.what} must be a real date, with the year in full", code="invalid")
        try:
            typed = date(int(year), int(number), int(day))
        except ValueError:
            raise ValidationError(f"{self.what} must be a real date", code="invalid") from None
        if self.latest is not None and typed > self.latest:
            raise ValidationError(f"{self.what} must be in the past", code="future")
        return typed
