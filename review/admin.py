"""Admin: the review settings only. Claims, dispositions and decisions are health information, so they
are not in the admin at all."""

from django.contrib import admin
from django.http import HttpRequest

from accounts.admin_base import ClinicModelAdmin
from review.models import ReviewSettings


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(ClinicModelAdmin):
    list_display = ("__str__", "claim_lapse_minutes", "cosignature_required")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ReviewSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
