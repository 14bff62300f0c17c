from django.contrib import admin
from django.http import HttpRequest

from accounts.admin_base import ClinicModelAdmin
from outbox.models import Message


@admin.register(Message)
class MessageAdmin(ClinicModelAdmin):
    """Delivery status only, read-only: a body holds sign-in links meant for one person.

    Subject and body are not shown, and the lookup lockdown refuses any filter or search on them.
    """

    list_display = ("kind", "recipient", "channel", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "kind", "channel")
    fields = (*list_display, "available_at", "last_error")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
