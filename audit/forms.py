"""The access log's filters: staff member, patient (email or log reference) and dates."""

import re

from django import forms
from django.core.validators import validate_email

from accounts.models import User
from accounts.roles import STAFF_ROLES

PATIENT_REFERENCE = re.compile(r"P-?(\d{1,12})", re.IGNORECASE)
DATE_ERROR = "Enter a real date, such as 2026-03-31."


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.email
        return f"{name} ({obj.email}){'' if obj.is_active else ', deactivated'}"


class AccessLogFilterForm(forms.Form):
    staff = StaffChoiceField(
        queryset=User.objects.filter(role__in=STAFF_ROLES).order_by("last_name", "first_name", "email"),
        required=False, empty_label="Any staff member", label="Staff member",
    )
    patient = forms.CharField(
        required=False, max_length=254, label="Patient",
        help_text="Their email address, or the reference this log shows, such as P-12.",
    )
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_ERROR},
    )

    def clean_patient(self) -> str:
        value = self.cleaned_data["patient"].strip()
        if value and not PATIENT_REFERENCE.fullmatch(value):
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Enter the patient's email address, or a reference from this log such as P-12."
                ) from None
        return value

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date.")
        return data

    def search_filters(self) -> dict:
        """Keyword arguments for audit.services.search_access_records (call after is_valid)."""
        data = self.cleaned_data
        patient = data["patient"]
        reference = PATIENT_REFERENCE.fullmatch(patient)
        return {
            "staff": data["staff"],
            "patient_id": int(reference.group(1)) if reference else None,
            "patient_email": "" if reference else patient,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
