"""The queue's filters as a GET form: outcome, status, flag code, claim, sending dates and a search."""

from django import forms

from accounts.models import User
from patients.models import Intake
from review.selectors import QueueFilters
from review.selectors.queue import OPEN
from screening.models import Outcome
from screening.rules import CATALOGUE

DATE_ERROR = "Enter a real date, such as 2026-03-31."
UNCLAIMED = "none"
SEARCH_WORDS = 5


def status_choices() -> list[tuple[str, str]]:
    sent = [(value, label) for value, label in Intake.Status.choices if value != Intake.Status.DRAFT]
    return [
        ("", "Waiting (submitted or in review)"),
        (OPEN, "Open (waiting or asked for more)"), *sent,
    ]


def flag_choices() -> list[tuple[str, str]]:
    return [("", "Any flag"), *((rule.code, f"{rule.code} ({rule.severity.lower()})") for rule in CATALOGUE)]


def clinician_label(clinician: User) -> str:
    return clinician.get_full_name() or clinician.email


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=100, label="Search",
        help_text="Patient's name or email address, or a case number.",
    )
    outcome = forms.ChoiceField(
        required=False, label="Outcome", choices=[("", "Any outcome"), *Outcome.choices]
    )
    status = forms.ChoiceField(required=False, label="Status", choices=status_choices)
    flag_code = forms.ChoiceField(
        required=False, label="Flag", choices=flag_choices,
        error_messages={"invalid_choice": "Choose a flag code from the list; %(value)s is not one."},
    )
    claimed = forms.ChoiceField(
        required=False, label="Claimed by",
        error_messages={"invalid_choice": "Choose a clinician from the list, or unclaimed."},
    )
    submitted_from = forms.DateField(
        required=False, label="Sent from", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )
    submitted_to = forms.DateField(
        required=False, label="Sent to", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )

    def __init__(self, *args: object, clinicians: list[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claimed"].choices = [
            ("", "Anyone or nobody"), (UNCLAIMED, "Unclaimed"),
            *((str(clinician.pk), clinician_label(clinician)) for clinician in clinicians),
        ]

    def clean_q(self) -> str:
        words = self.cleaned_data["q"].split()
        if len(words) > SEARCH_WORDS:
            raise forms.ValidationError(f"Search with at most {SEARCH_WORDS} words.")
        return " ".join(words)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and end < start:
            self.add_error("submitted_to", "The end date must be the same as or after the start date.")
        return data

    def queue_filters(self) -> QueueFilters:
        """The selector's filters (call after is_valid)."""
        data = self.cleaned_data
        claimed = data["claimed"]
        return QueueFilters(
            outcome=data["outcome"], status=data["status"], flag_code=data["flag_code"],
            claimed_by=int(claimed) if claimed not in ("", UNCLAIMED) else None,
            unclaimed=claimed == UNCLAIMED, submitted_from=data["submitted_from"],
            submitted_to=data["submitted_to"], search=data["q"],
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) not in (None, "") for name in self.fields)
