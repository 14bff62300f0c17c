from django.contrib import admin

from outbox.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Delivery status only: a body holds sign-in links (password reset, invitation) meant for one person."""

    list_display = ("kind", "recipient", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "kind", "channel")
    exclude = ("body",)
    readonly_fields = [f.name for f in Message._meta.fields if f.name != "body"]
