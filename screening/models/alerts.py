"""Crisis alerts: an URGENT screening needs a clinician's same-day contact, acknowledged by name."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from patients.models import Intake
from screening.models.results import ScreeningResult


class CrisisAlert(models.Model):
    """Raised for an URGENT screening or an urgent answer in an unsent intake; open until acknowledged."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"

    class Source(models.TextChoices):
        SCREENING = "screening", "An urgent screening of a submitted intake"
        UNSENT_INTAKE = "unsent_intake", "An urgent answer in an unsent intake"

    TRANSITIONS = {Status.OPEN: {Status.ACKNOWLEDGED}, Status.ACKNOWLEDGED: set()}

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="crisis_alerts")
    # Empty while the alert comes from an unsent intake, which has no screening result yet.
    result = models.ForeignKey(
        ScreeningResult, on_delete=models.CASCADE, null=True, blank=True, related_name="crisis_alerts"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.SCREENING)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    # What an unsent intake held when it raised or joined this alert, so the clinician reads why even after
    # the patient changes the answer: [{"code", "evidence", "found_at"}], in the order found.
    reasons = models.JSONField(
        default=list, blank=True, help_text="The urgent answers of an unsent intake behind this alert."
    )
    raised_at = models.DateTimeField(default=timezone.now)
    escalated_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake"], condition=models.Q(status="open"), name="one_open_alert_per_intake"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open")
                | models.Q(acknowledged_by__isnull=False, acknowledged_at__isnull=False),
                name="acknowledged_alert_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=models.Q(source="unsent_intake") | models.Q(result__isnull=False),
                name="screening_alert_has_result",
            ),
        ]
        indexes = [
            # The staff home's "recently acknowledged": the latest ten, read from the index, never a sort.
            models.Index(
                models.F("acknowledged_at").desc(), models.F("id").desc(), name="recent_acknowledged_alert",
                condition=models.Q(status="acknowledged"),
            ),
        ]

    def __str__(self) -> str:
        return f"Crisis alert {self.pk} for intake {self.intake_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def from_unsent_intake(self) -> bool:
        return self.source == self.Source.UNSENT_INTAKE

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        if self.acknowledged_at is None:
            return None
        return self.acknowledged_at - self.raised_at

    def set_status(self, new_status: str, *, by: object, at: datetime) -> None:
        """Move to `new_status` if allowed, recording who and when; the caller saves inside a transaction."""
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            raise ValidationError(f"This alert is already {self.get_status_display().lower()}.")
        self.status = new_status
        if new_status == self.Status.ACKNOWLEDGED:
            self.acknowledged_by, self.acknowledged_at = by, at
