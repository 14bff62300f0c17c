"""Forms of the booking pages: the dates to look at, and the slot chosen (checked again by the service)."""

from datetime import UTC, date, datetime, timedelta

from django import forms
from django.utils import timezone

from scheduling.services.slots import Choice

DAYS_SHOWN = 7
FURTHEST_DAYS = 366
MAX_ID = 2**31 - 1  # beyond a database integer: refused by the form, not by an error page


class DatesForm(forms.Form):
    """The first of the seven days whose slots are shown (today by default, never in the past)."""

    start = forms.DateField(
        label="Show times from", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date like 2026-07-01."},
    )

    def first_day(self, *, today: date) -> date:
        """The chosen first day within today and a year ahead; today when none or a bad one was given."""
        if not self.is_valid() or self.cleaned_data["start"] is None:
            return today
        return min(max(self.cleaned_data["start"], today), today + timedelta(days=FURTHEST_DAYS))


class SlotForm(forms.Form):
    """The slot a user picked from the list: its provider, location and start time in UTC."""

    provider = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    location = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    starts_at = forms.CharField(max_length=40, widget=forms.HiddenInput)

    def clean_starts_at(self) -> datetime:
        try:
            value = datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError as exc:
            raise forms.ValidationError("Choose a time from the list.") from exc
        if timezone.is_naive(value):
            raise forms.ValidationError("Choose a time from the list.")
        return value.astimezone(UTC)

    def choice(self) -> Choice:
        data = self.cleaned_data
        return Choice(provider_id=data["provider"], location_id=data["location"], starts_at=data["starts_at"])


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Reason (optional, kept in the consultation's log)", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
