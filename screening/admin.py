"""Admin: the medication dictionary and clinic settings are editable; crisis alerts are read-only.

Screening results, flags and changes are health information, so they are not in the admin at all: the
admin role has no clinical reason to read them, and `createsuperuser` accounts would otherwise see them.
"""

from django.contrib import admin
from django.db import models
from django.forms import CheckboxSelectMultiple, ModelForm
from django.http import HttpRequest
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from accounts.admin_base import ClinicModelAdmin, LookupLockdownMixin
from accounts.admin_history import HistoryAdmin
from screening import services
from screening.models import ClinicSettings, CrisisAlert, MedicationName

RESCREEN_MESSAGE = "Open cases will be screened again with the updated dictionary."


class ReadOnlyAdmin(ClinicModelAdmin):
    """Records written only by the screening services; the admin may read, never edit."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(MedicationName)
class MedicationNameAdmin(LookupLockdownMixin, HistoryAdmin):
    list_display = ("name", "generic", "classes", "evidence", "is_active", "updated_at")
    list_filter = ("is_active", "evidence")
    search_fields = ("name", "generic", "classes")
    readonly_fields = ("created_at", "updated_at")
    actions = ("activate", "deactivate")

    def save_model(self, request: HttpRequest, obj: MedicationName, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self.rescreen_open_cases(request)

    def delete_model(self, request: HttpRequest, obj: MedicationName) -> None:
        super().delete_model(request, obj)
        self.rescreen_open_cases(request)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        super().delete_queryset(request, queryset)
        self.rescreen_open_cases(request)

    @admin.action(description="Use the selected names in screening")
    def activate(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        self.set_active(request, queryset, is_active=True)

    @admin.action(description="Stop using the selected names in screening")
    def deactivate(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        self.set_active(request, queryset, is_active=False)

    def set_active(self, request: HttpRequest, queryset: models.QuerySet, *, is_active: bool) -> None:
        """Switch names on or off with one history row each, naming the admin who did it."""
        names = list(queryset)
        # updated_at is set by hand: bulk updates skip auto_now, and the matcher rebuilds when it changes.
        now = timezone.now()
        for name in names:
            name.is_active, name.updated_at = is_active, now
        bulk_update_with_history(
            names, MedicationName, ["is_active", "updated_at"], default_user=request.user
        )
        self.rescreen_open_cases(request)

    def rescreen_open_cases(self, request: HttpRequest) -> None:
        """Screening follows the dictionary: queue the re-screening after commit and tell the admin."""
        services.rescreen_after_dictionary_change()
        self.message_user(request, RESCREEN_MESSAGE)


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(LookupLockdownMixin, HistoryAdmin):
    list_display = ("__str__", "alert_ack_minutes")
    formfield_overrides = {models.ManyToManyField: {"widget": CheckboxSelectMultiple}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ClinicSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CrisisAlert)
class CrisisAlertAdmin(ReadOnlyAdmin):
    list_display = (
        "pk", "intake", "source", "status", "raised_at", "escalated_at", "acknowledged_by", "acknowledged_at"
    )
    list_filter = ("status", "source")
    # The result's label names the screening outcome, and the reasons hold the patient's answers (a
    # reading, C-SSRS answers): health information, not for admins.
    exclude = ("result", "reasons")
