"""The admin's forms: the database's checks again, said in words an admin can act on, next to the field."""

from django import forms

from scheduling.models import AvailabilityException, Location, WeeklyHours

IN_PERSON_NEEDS = {"address_line": "street address", "city": "city", "postcode": "ZIP code"}


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ("name", "kind", "active", "address_line", "city", "state", "postcode", "time_zone",
                  "esketamine_certified", "telehealth_instructions")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == Location.Kind.TELEHEALTH:
            if data.get("esketamine_certified"):
                self.add_error("esketamine_certified", "A telehealth location cannot be certified for "
                               "esketamine: the REMS requires a certified healthcare setting")
            if not data.get("telehealth_instructions", "").strip():
                self.add_error("telehealth_instructions", "Say how patients join the video call")
        for name, words in IN_PERSON_NEEDS.items():
            if data.get("kind") == Location.Kind.IN_PERSON and not data.get(name, "").strip():
                self.add_error(name, f"Enter the {words}: patients are sent it with their booking")
        return data


class WeeklyHoursForm(forms.ModelForm):
    class Meta:
        model = WeeklyHours
        fields = ("location", "weekday", "starts", "ends")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", "The hours must end after they start")
        return data


class AvailabilityExceptionForm(forms.ModelForm):
    class Meta:
        model = AvailabilityException
        fields = ("kind", "location", "starts_at", "ends_at", "note")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "The end must be after the start")
        if data.get("kind") == AvailabilityException.Kind.EXTRA and not data.get("location"):
            self.add_error("location", "Choose the location of the extra hours")
        return data
