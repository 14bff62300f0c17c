"""Admin: the workflow of each intake (status, dates, history), read-only and without the answers.

Answers are health information; the admin role has no clinical reason to read them (see
Intake.objects.for_user), so the admin shows only what support needs to see where an intake is.
"""

from django.contrib import admin
from django.http import HttpRequest

from patients.models import Intake, IntakeStatusChange

WORKFLOW_FIELDS = ("patient", "status", "created_at", "updated_at", "submitted_at", "consent_signed_at")


class StatusChangeInline(admin.TabularInline):
    model = IntakeStatusChange
    fields = ("at", "from_status", "to_status", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ("pk", "patient", "status", "created_at", "submitted_at")
    list_filter = ("status",)
    search_fields = ("patient__email",)
    fields = WORKFLOW_FIELDS
    readonly_fields = WORKFLOW_FIELDS
    inlines = (StatusChangeInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
