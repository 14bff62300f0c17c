"""Steps about the person: who they are, how to reach them, and why they are looking for care."""

import re
from collections.abc import Mapping
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from patients.steps.base import IntakeStepForm
from patients.steps.choices import CHOICES
from patients.steps.fields import InlineOptionsSelect, MemorableDateField, free_text, name_text, radio
from patients.steps.measurements import (
    measure_height,
    measure_weight,
    measurement_fields,
    measurement_layout,
    measurement_rows,
    typed_measurements,
)

US_STATES = (
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
)
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().-]+$")
OLDEST_AGE = 120
MEASUREMENT_BOXES = tuple(measurement_fields())


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_phone(value: str) -> None:
    """Accept the ways people write a phone number, with 10 to 15 digits."""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError("Enter a phone number, like 555 123 4567", code="invalid_phone")


def phone_field(label: str, *, whose: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, max_length=30, validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": f"Enter {whose} phone number",
                        "invalid_phone": f"Enter {whose} phone number with 10 to 15 digits, like "
                                         "555 123 4567",
                        "max_length": f"Enter {whose} phone number in 30 characters or fewer"},
    )


class AboutYouForm(IntakeStepForm):
    lead = "We use this to check that treatment is safe for you and to contact you."

    first_name = name_text("First name", message="Enter your first name")
    last_name = name_text("Last name", message="Enter your last name")
    date_of_birth = MemorableDateField(label="Date of birth", what="Your date of birth", autocomplete="bday",
                                       help_text="For example, 3 27 1985")
    sex_assigned_at_birth = radio(
        "What sex were you assigned at birth?", "sex_assigned_at_birth",
        hint="Some medical risks depend on this. You can tell your clinician about your gender separately.",
        message="Select the sex you were assigned at birth",
    )
    can_become_pregnant = radio(
        "Could you become pregnant?", "can_become_pregnant",
        hint="Some treatments are not safe in pregnancy, so we ask a few questions about it if you could.",
        message="Select whether you could become pregnant",
    )
    phone = phone_field("Phone number", whose="your", hint="We will only call about your care.")
    state = forms.ChoiceField(
        label="Which state do you live in?", choices=(("", "Choose your state"), *US_STATES),
        widget=InlineOptionsSelect,
        help_text="Clinicians can only treat people in the states where they are licensed.",
        error_messages={"required": "Select the state you live in",
                        "invalid_choice": "Select the state you live in"},
    )
    emergency_contact_name = name_text(
        "Emergency contact name", hint="Someone we can call if we are worried about your safety.",
        message="Enter the name of your emergency contact",
    )
    emergency_contact_phone = phone_field("Emergency contact phone number", whose="your emergency contact's")
    height_feet, height_inches, height_cm, weight_lb, weight_kg = measurement_fields().values()

    @classmethod
    def answer_names(cls) -> tuple[str, ...]:
        asked = [name for name in cls.base_fields if name not in MEASUREMENT_BOXES]
        return (*asked, "height_cm", "height_unit", "weight_kg", "weight_unit")

    @classmethod
    def answers_to_initial(cls, answers: Mapping) -> dict:
        initial = {k: v for k, v in super().answers_to_initial(answers).items() if k not in MEASUREMENT_BOXES}
        return {**initial, **typed_measurements(answers)}

    def layout_items(self) -> list:
        items = [item for item in super().layout_items() if item not in MEASUREMENT_BOXES]
        return [
            *items,
            measurement_layout("Height", "Enter feet and inches, or centimeters.",
                               ("height_feet", "height_inches"), "height_cm"),
            measurement_layout("Weight", "Enter pounds, or kilograms.", ("weight_lb",), "weight_kg"),
        ]

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data["date_of_birth"]
        if born is not None and age_on(born, self.today) > OLDEST_AGE:
            raise ValidationError("Check your date of birth: enter the year in full, for example 1985")
        return born

    def clean(self) -> dict:
        cleaned = super().clean()
        boxes = [name for name in MEASUREMENT_BOXES if name in self.errors]
        height = measure_height(*(cleaned.get(name) for name in MEASUREMENT_BOXES[:3]))
        weight = measure_weight(cleaned.get("weight_lb"), cleaned.get("weight_kg"))
        for kind, measure in (("height", height), ("weight", weight)):
            if measure.error and not any(name.startswith(kind) for name in boxes):
                self.add_error(measure.error_field, measure.error)
            cleaned[f"{kind}_{'cm' if kind == 'height' else 'kg'}"] = measure.value
            cleaned[f"{kind}_unit"] = measure.unit or None
        return cleaned

    @classmethod
    def review_rows(cls, answers: Mapping) -> list[tuple[str, str]]:
        labels = {str(cls.base_fields[name].label) for name in MEASUREMENT_BOXES}
        rows = [row for row in super().review_rows(answers) if row[0] not in labels]
        return [*rows, *measurement_rows(answers)]


class WhyCareForm(IntakeStepForm):
    lead = "Tell us what you would like help with. Your clinician will talk this through with you."

    primary_indication = forms.MultipleChoiceField(
        label="What would you like treatment for?", help_text="Select all that apply.",
        choices=CHOICES["primary_indication"], widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what you would like treatment for",
                        "invalid_choice": "Select what you would like treatment for"},
    )
    condition_duration = radio(
        "How long have you been living with this?",
        choices=(("under_1_year", "Less than a year"), ("1_to_2_years", "1 to 2 years"),
                 ("2_to_5_years", "2 to 5 years"), ("over_5_years", "More than 5 years")),
        message="Select how long you have been living with this",
    )
    medicines_tried = free_text(
        "Which medicines have you tried for it?",
        hint="For example, antidepressants you have taken in the past, and whether they helped. Leave "
             "blank if none.",
    )
    therapy_tried = free_text(
        "Have you had talking therapy or counseling for it?", hint="Tell us what kind, and for how long.",
    )
    other_treatments_tried = free_text(
        "Any other treatments?", hint="For example TMS (magnetic stimulation), ECT or ketamine before.",
    )
