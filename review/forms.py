"""The case page's forms: each parses what a clinician typed; the review services decide and write."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from patients.steps import Step
from review.models import AlertDisposition, Route
from screening.models import OverrideReason

NOTE_MAX = 4000


def note_field(label: str, *, required: bool, message: str = "", hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=NOTE_MAX, help_text=hint,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": message, "max_length": f"Keep it under {NOTE_MAX} characters."},
    )


class CaseForm(forms.Form):
    """The server checks every field and says what is wrong in words, so the browser's checks are off."""

    use_required_attribute = False


class AcknowledgeForm(CaseForm):
    note = note_field("Note (optional)", required=False)


class OverrideForm(CaseForm):
    reason = forms.ChoiceField(
        label="Reason for the override", choices=OverrideReason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason for the override.",
                        "invalid_choice": "Choose the reason for the override from the list."},
    )
    note = note_field("Note", required=True, message="Write a note explaining the override.",
                      hint="What you checked and why the exclusion can be set aside.")


class AlertDispositionForm(CaseForm):
    kind = forms.ChoiceField(
        label="What happened", choices=AlertDisposition.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened.", "invalid_choice": "Choose what happened."},
    )
    note = note_field("Note", required=True, message="Write a note about what happened.")
    retry_at = forms.DateTimeField(
        label="When to try again (only if you could not reach the patient)", required=False,
        help_text="Date and time in the clinic's time zone.",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"},
                                   format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter the retry time as a date and time, like 2026-06-15 16:30."},
    )

    def clean(self) -> dict:
        data = super().clean()
        retry_at: datetime | None = data.get("retry_at")
        if data.get("kind") == AlertDisposition.Kind.NOT_REACHED:
            if retry_at is None and "retry_at" not in self.errors:
                self.add_error("retry_at", "Give the time to try the patient again.")
            elif retry_at is not None and retry_at <= timezone.now():
                self.add_error("retry_at", "Give a retry time that is still to come.")
        elif retry_at is not None:
            self.add_error("retry_at", "Give a retry time only when the patient could not be reached.")
        return data


class ClearForm(CaseForm):
    routes = forms.MultipleChoiceField(
        label="Treatment routes cleared", choices=Route.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one treatment route.",
                        "invalid_choice": "Choose treatment routes from the list."},
    )
    conditions = note_field("Conditions (optional)", required=False,
                            hint="For example: BP re-check before the first dose.")
    patient_message = note_field(
        "Message to the patient (optional)", required=False,
        hint="Leave empty to send the clinic's standard message: the clinic will contact them to book.",
    )


class DeclineForm(CaseForm):
    patient_message = note_field("Message to the patient", required=True,
                                 message="Write the message the patient will read.",
                                 hint="The patient reads this on their dashboard. Do not name flag codes.")
    internal_reason = note_field("Internal reason", required=True,
                                 message="Write the reason for the clinic's record.",
                                 hint="Only the clinic sees this.")


class RequestInfoForm(CaseForm):
    steps = forms.MultipleChoiceField(
        label="Parts of the form the patient should look at again", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the parts of the form the patient should look at again.",
                        "invalid_choice": "Choose the parts of the form from the list."},
    )
    message = note_field("Message to the patient", required=True,
                         message="Write what the patient should change or add.",
                         hint="The patient is emailed that the clinic has a question, and reads this "
                         "message on their dashboard.")

    def __init__(self, *args: object, steps: list[Step], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].choices = [(step.slug, step.title) for step in steps]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
