"""A booked consultation, its one transition method, and the log of everything that happened to it."""

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from patients.models import Intake
from scheduling.constraints import PostgresExclusionConstraint, TsTzRange
from scheduling.models.providers import Location, LocationKind, Provider
from scheduling.validators import validate_time_zone


class Consultation(models.Model):
    """One consultation of a cleared intake with a provider at a location; times in UTC."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "Did not attend"

    Kind = LocationKind
    TRANSITIONS = {
        Status.BOOKED: {Status.CANCELLED, Status.COMPLETED, Status.NO_SHOW},
        Status.CANCELLED: set(),
        Status.COMPLETED: set(),
        Status.NO_SHOW: set(),
    }

    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="consultations")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultations"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="consultations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField(max_length=16, choices=LocationKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, validators=[validate_time_zone], help_text="The zone the time is shown in."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="consultation_ends_after_start"
            ),
            # Works on every database (SQLite too): one booking per provider and start time.
            models.UniqueConstraint(
                fields=["provider", "starts_at"], condition=models.Q(status="booked"),
                name="consultation_one_booking_per_provider_start",
                violation_error_message="This provider is already booked at that time.",
            ),
            models.UniqueConstraint(
                fields=["patient"], condition=models.Q(status="booked"),
                name="consultation_one_booked_per_patient",
                violation_error_message="This patient already has a booked consultation.",
            ),
            # PostgreSQL only (needs btree_gist): no two booked consultations of a provider overlap.
            PostgresExclusionConstraint(
                name="consultation_provider_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("provider", RangeOperators.EQUAL),
                ],
                condition=models.Q(status="booked"),
                violation_error_message="This provider has another consultation at that time.",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "starts_at"], name="consultation_provider_time"),
            models.Index(fields=["status", "starts_at"], name="consultation_status_time"),
        ]

    def __str__(self) -> str:
        return f"Consultation {self.pk} ({self.get_status_display()})"

    def set_status(self, new_status: str, *, by: object, note: str = "") -> "ConsultationEvent":
        """Move to `new_status` if allowed and log who moved it (call inside a transaction)."""
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            raise ValidationError(f"A consultation cannot go from {self.status} to {new_status}.")
        event = ConsultationEvent(
            consultation=self, kind=new_status, from_status=self.status, to_status=new_status, by=by,
            note=note,
        )
        self.status = new_status
        self.save(update_fields=["status"])
        event.save()
        return event

    def log(self, kind: str, *, by: object, note: str = "") -> "ConsultationEvent":
        """Record an event that keeps the status (booked, rescheduled, reminded, licence flagged)."""
        return ConsultationEvent.objects.create(
            consultation=self, kind=kind, from_status=self.status, to_status=self.status, by=by, note=note
        )


class ConsultationEvent(models.Model):
    """The audit trail of a consultation: booked, rescheduled, and every status change."""

    class Kind(models.TextChoices):
        BOOKED = "booked", "Booked"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "Did not attend"
        REMINDED = "reminded", "Reminder sent"
        LICENCE_FLAGGED = "licence_flagged", "Provider's licence lapses before the consultation"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    from_status = models.CharField(max_length=16, choices=Consultation.Status.choices)
    to_status = models.CharField(max_length=16, choices=Consultation.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty for the clinic's own scheduled tasks.",
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.kind}"
