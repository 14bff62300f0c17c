"""The admin's tool for providers and locations: the Django admin, with licences and hours on the provider.

Providers and locations are deactivated, never deleted, so past consultations keep them. Consultations
are health information (who was cleared, when they are seen): they are not in the admin at all.
"""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from accounts.admin_base import ClinicModelAdmin, LookupLockdownMixin
from accounts.admin_history import HistoryAdmin
from review.models import Route
from scheduling.admin_filters import (
    LicenceExpiryFilter,
    LicenceStateFilter,
    LocationFilter,
    RouteFilter,
)
from scheduling.models import (
    AvailabilityException,
    Licence,
    Location,
    Provider,
    SchedulingSettings,
    WeeklyHours,
)


def licence_status(licence: Licence) -> SafeString:
    """Expired, expiring within 30 days (highlighted, in words too) or valid: never colour alone."""
    words = licence.standing(today=timezone.localdate())
    if words == "Valid":
        return format_html("{}", words)
    css = "licence-expired" if words == "Expired" else "licence-expiring"
    return format_html('<strong class="{}">{}</strong>', css, words)


def standing_note(licence: Licence) -> SafeString:
    """Nothing for a valid licence in a list; the highlighted words for an expiring or expired one."""
    status = licence_status(licence)
    return format_html(" {}", status) if "<strong" in status else mark_safe("")


class ProviderForm(forms.ModelForm):
    routes = forms.MultipleChoiceField(
        label="Treatment routes", choices=Route.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Only cases cleared for one of these routes are offered this provider.",
    )

    class Meta:
        model = Provider
        fields = ("name", "credential", "npi", "user", "routes", "locations", "accepts_new_patients",
                  "active")
        widgets = {"locations": forms.CheckboxSelectMultiple}

    def clean_routes(self) -> list[str]:
        chosen = set(self.cleaned_data["routes"])
        return [route for route in Route.values if route in chosen]


def label_widget(widget: forms.Widget, label: str) -> None:
    """Name an input for assistive technology where a table column header is its only visible label."""
    inner = getattr(widget, "widget", widget)  # inside the admin's add/change-related wrapper
    if isinstance(inner, forms.MultiWidget):
        for part, sub in zip(("date", "time"), inner.widgets, strict=False):
            sub.attrs["aria-label"] = f"{label}, {part}"
    else:
        inner.attrs["aria-label"] = label


class LabelledRows(forms.BaseInlineFormSet):
    """A tabular inline whose inputs carry labels (Django gives them only column headers): axe's rule."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        row = f"{self.model._meta.verbose_name.capitalize()} {index + 1 if index is not None else '(new)'}"
        for field in form.fields.values():
            label_widget(field.widget, f"{row}: {field.label}")


class AtProviderLocations(LabelledRows):
    """Hours at a location must name one of the provider's locations, as ticked on the same page."""

    def clean(self) -> None:
        super().clean()
        ticked = set(self.data.getlist("locations"))
        for form in self.forms:
            location = form.cleaned_data.get("location") if form.cleaned_data else None
            deleted = form.cleaned_data.get("DELETE") if form.cleaned_data else False
            if location is not None and not deleted and str(location.pk) not in ticked:
                form.add_error("location", f"Tick {location} in the provider's locations first")


class LicenceInline(admin.TabularInline):
    model = Licence
    formset = LabelledRows
    extra = 0
    fields = ("state", "number", "expires_on", "status")
    readonly_fields = ("status",)

    @admin.display(description="Status")
    def status(self, licence: Licence) -> SafeString:
        return licence_status(licence) if licence.pk else mark_safe("New")


class WeeklyHoursInline(admin.TabularInline):
    model = WeeklyHours
    formset = AtProviderLocations
    extra = 0
    fields = ("location", "weekday", "starts", "ends")
    verbose_name_plural = "weekly hours (local time at the location)"


class AvailabilityExceptionInline(admin.TabularInline):
    model = AvailabilityException
    formset = AtProviderLocations
    extra = 0
    fields = ("kind", "location", "starts_at", "ends_at", "note")
    verbose_name = "time off or extra hours"
    verbose_name_plural = "time off and extra hours (clinic time zone)"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Past exceptions stay in the history; the form shows those still to come.
        return super().get_queryset(request).filter(ends_at__gte=timezone.now())


class ActivationActions:
    """Deactivate (never delete, so history stays) and reactivate the selected rows."""

    actions = ("deactivate", "reactivate")

    @admin.action(description="Deactivate the selected rows (history is kept)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.set_active(request, queryset, active=False)

    @admin.action(description="Reactivate the selected rows")
    def reactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.set_active(request, queryset, active=True)

    def set_active(self, request: HttpRequest, queryset: QuerySet, *, active: bool) -> None:
        changed = [row for row in queryset if row.active != active]
        for row in changed:  # one save each, so each has its history row naming the admin
            row.active = active
            row.save(update_fields=["active"])
        self.message_user(request, f"{'Reactivated' if active else 'Deactivated'} {len(changed)}.")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Provider)
class ProviderAdmin(ActivationActions, LookupLockdownMixin, HistoryAdmin):
    form = ProviderForm
    inlines = (LicenceInline, WeeklyHoursInline, AvailabilityExceptionInline)
    # Licences second: an expiring one is what an admin must see first, on a phone too.
    list_display = ("name", "licence_list", "credential", "npi", "route_list", "location_list",
                    "accepts_new_patients", "active")
    list_filter = ("active", "accepts_new_patients", "credential", LocationFilter, RouteFilter,
                   LicenceExpiryFilter, LicenceStateFilter)
    search_fields = ("name", "npi")
    sortable_by = ("name", "credential", "npi", "accepts_new_patients", "active")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("locations", "licences")

    @admin.display(description="Routes")
    def route_list(self, provider: Provider) -> str:
        return ", ".join(provider.route_labels()) or "None"

    @admin.display(description="Locations")
    def location_list(self, provider: Provider) -> str:
        return ", ".join(location.name for location in provider.locations.all()) or "None"

    @admin.display(description="Licences")
    def licence_list(self, provider: Provider) -> SafeString:
        licences = provider.licences.all()
        if not licences:
            return mark_safe("None")
        return format_html_join(
            mark_safe("<br>"), "{} until {}{}",
            ((lic.state, lic.expires_on.isoformat(), standing_note(lic)) for lic in licences),
        )


@admin.register(Location)
class LocationAdmin(ActivationActions, LookupLockdownMixin, HistoryAdmin):
    list_display = ("name", "kind", "city", "state", "time_zone", "esketamine_certified", "active")
    list_filter = ("active", "kind", "state", "esketamine_certified")
    search_fields = ("name", "city")
    sortable_by = ("name", "kind", "city", "state", "time_zone", "esketamine_certified", "active")
    fieldsets = (
        (None, {"fields": ("name", "kind", "active")}),
        ("Address", {"fields": ("address_line", "city", "state", "postcode", "time_zone")}),
        ("Care offered", {"fields": ("esketamine_certified", "telehealth_instructions")}),
    )


@admin.register(SchedulingSettings)
class SchedulingSettingsAdmin(ClinicModelAdmin):
    list_display = ("__str__", "in_person_minutes", "telehealth_minutes", "patient_self_booking",
                    "patient_change_cutoff_hours")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SchedulingSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
