from django.db import models
from django.utils import timezone


class OutboxQuerySet(models.QuerySet):
    def due(self) -> "OutboxQuerySet":
        return self.filter(status=Message.Status.PENDING, available_at__lte=timezone.now())


class Message(models.Model):
    """A notification recorded in the same transaction as the change that caused it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"

    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Files sent with the email, each {"filename", "mimetype", "content"} (text, e.g. an .ics invitation);
    # cleared with the body once the message is done.
    attachments = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=64, help_text="What caused it, e.g. verify-email.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "available_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
            # Bodies hold sign-in links (reset, verification, invitation): kept only until the
            # message is sent or given up on, so no copy of a live token outlives its delivery.
            models.CheckConstraint(
                condition=~models.Q(status__in=["sent", "failed"]) | models.Q(body=""),
                name="outbox_body_cleared_once_done",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["sent", "failed"]) | models.Q(attachments=[]),
                name="outbox_attachments_cleared_once_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} ({self.status})"
