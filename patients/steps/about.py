"""Steps about the person: who they are, how to reach them, and why they are looking for care."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from patients.steps.base import IntakeStepForm
from patients.steps.choices import CHOICES
from patients.steps.fields import free_text, name_text, past_date, radio

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


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_phone(value: str) -> None:
    """Accept the ways people write a phone number, with 10 to 15 digits."""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError("Enter a phone number, like 555 123 4567", code="invalid_phone")


def phone_field(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, max_length=30, validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": f"Enter {label.lower()}"},
    )


class AboutYouForm(IntakeStepForm):
    lead = "We use this to check that treatment is safe for you and to contact you."

    first_name = name_text("First name", message="Enter your first name")
    last_name = name_text("Last name", message="Enter your last name")
    date_of_birth = past_date(
        "Date of birth", hint="For example 1985-03-27", message="Enter your date of birth",
        future="Your date of birth must be in the past",
    )
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
    phone = phone_field("Phone number", "We will only call about your care.")
    state = forms.ChoiceField(
        label="Which state do you live in?", choices=(("", "Choose your state"), *US_STATES),
        help_text="Clinicians can only treat people in the states where they are licensed.",
        error_messages={"required": "Select the state you live in"},
    )
    emergency_contact_name = name_text(
        "Emergency contact name", hint="Someone we can call if we are worried about your safety.",
        message="Enter the name of your emergency contact",
    )
    emergency_contact_phone = phone_field("Emergency contact phone number")
    height_cm = forms.IntegerField(
        label="Height in centimeters", help_text="For example 170. 5 feet 7 inches is about 170 cm.",
        min_value=100, max_value=250,
        error_messages={"required": "Enter your height in centimeters, for example 170",
                        "min_value": "Height must be between 100 and 250 cm",
                        "max_value": "Height must be between 100 and 250 cm"},
    )
    weight_kg = forms.DecimalField(
        label="Weight in kilograms", help_text="For example 70. 154 pounds is about 70 kg.",
        min_value=25, max_value=350, max_digits=4, decimal_places=1,
        error_messages={"required": "Enter your weight in kilograms, for example 70",
                        "min_value": "Weight must be between 25 and 350 kg",
                        "max_value": "Weight must be between 25 and 350 kg",
                        "max_decimal_places": "Enter your weight with at most one decimal place, like 70.5"},
    )

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        if born <= self.today and age_on(born, self.today) > OLDEST_AGE:
            raise ValidationError("Check your date of birth: enter the year in full, for example 1985")
        return born


class WhyCareForm(IntakeStepForm):
    lead = "Tell us what you would like help with. Your clinician will talk this through with you."

    primary_indication = forms.MultipleChoiceField(
        label="What would you like treatment for?", help_text="Select all that apply.",
        choices=CHOICES["primary_indication"], widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what you would like treatment for"},
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
