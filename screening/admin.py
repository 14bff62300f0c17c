"""Admin: the medication dictionary and clinic settings are editable; results and alerts are read-only."""

from django.contrib import admin
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import HttpRequest
from django.utils import timezone

from screening.models import (
    ClinicSettings,
    CrisisAlert,
    MedicationName,
    ScreeningChange,
    ScreeningFlag,
    ScreeningResult,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by the screening services; the admin may read, never edit."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(MedicationName)
class MedicationNameAdmin(admin.ModelAdmin):
    list_display = ("name", "generic", "classes", "evidence", "is_active", "updated_at")
    list_filter = ("is_active", "evidence")
    search_fields = ("name", "generic", "classes")
    readonly_fields = ("created_at", "updated_at")
    actions = ("activate", "deactivate")

    @admin.action(description="Use the selected names in screening")
    def activate(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # updated_at is set by hand: update() skips auto_now, and the matcher rebuilds when it changes.
        queryset.update(is_active=True, updated_at=timezone.now())

    @admin.action(description="Stop using the selected names in screening")
    def deactivate(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        queryset.update(is_active=False, updated_at=timezone.now())


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "alert_ack_minutes")
    formfield_overrides = {models.ManyToManyField: {"widget": CheckboxSelectMultiple}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ClinicSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ScreeningFlagInline(admin.TabularInline):
    model = ScreeningFlag
    fields = ("code", "severity", "evidence", "review_state", "reviewed_by", "reviewed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ScreeningResult)
class ScreeningResultAdmin(ReadOnlyAdmin):
    list_display = ("intake", "outcome", "ruleset_version", "is_current", "reason", "created_at")
    list_filter = ("outcome", "is_current", "ruleset_version", "reason")
    inlines = (ScreeningFlagInline,)


@admin.register(ScreeningFlag)
class ScreeningFlagAdmin(ReadOnlyAdmin):
    list_display = ("code", "severity", "review_state", "result")
    list_filter = ("severity", "review_state")
    search_fields = ("code",)


@admin.register(ScreeningChange)
class ScreeningChangeAdmin(ReadOnlyAdmin):
    list_display = ("intake", "outcome_before", "outcome_after", "reason", "created_at")
    list_filter = ("reason",)


@admin.register(CrisisAlert)
class CrisisAlertAdmin(ReadOnlyAdmin):
    list_display = (
        "pk", "intake", "source", "status", "raised_at", "escalated_at", "acknowledged_by", "acknowledged_at"
    )
    list_filter = ("status", "source")
