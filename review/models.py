"""The clinician's review: claims, what was decided about each flag and alert, decisions, and settings."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from patients.models import Intake
from screening.models import CrisisAlert, OverrideReason, ScreeningFlag, Severity

DEFAULT_CLAIM_LAPSE_MINUTES = 60


class Route(models.TextChoices):
    """The treatment routes a clearance names (scheduling books them)."""

    IV_INFUSION = "iv_infusion", "IV infusion"
    INTRAMUSCULAR = "intramuscular", "Intramuscular injection"
    ESKETAMINE_NASAL_SPRAY = "esketamine_nasal_spray", "Esketamine nasal spray (certified setting)"
    ORAL_SUBLINGUAL = "oral_sublingual", "Oral or sublingual (in clinic)"
    AT_HOME = "at_home", "At home"


class ReviewSettings(models.Model):
    """The single row of the clinic's review settings, edited by admins."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    claim_lapse_minutes = models.PositiveSmallIntegerField(
        "minutes before a claim lapses", default=DEFAULT_CLAIM_LAPSE_MINUTES,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="A clinician's claim on a case lapses after this long without activity, so another "
        "clinician can take the case over.",
    )
    cosignature_required = models.BooleanField(
        "overrides need a second clinician", default=True,
        help_text="An overridden exclusion must be co-signed by a second clinician before the case can be "
        "cleared.",
    )

    class Meta:
        verbose_name = "review settings"
        verbose_name_plural = "review settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="review_settings_singleton")
        ]

    def __str__(self) -> str:
        return "Review settings"

    @property
    def claim_lapse(self) -> timedelta:
        return timedelta(minutes=self.claim_lapse_minutes)


class Claim(models.Model):
    """Who is reviewing a case now, so two clinicians do not; it lapses when old (checked on read)."""

    intake = models.OneToOneField(Intake, on_delete=models.CASCADE, related_name="claim")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Claim on intake {self.intake_id} by {self.clinician_id}"

    def is_active(self, *, now: datetime, lapse: timedelta) -> bool:
        """Whether the claim still holds at `now` (a lapsed one is as good as none)."""
        return self.claimed_at > now - lapse


class FlagDisposition(models.Model):
    """One acknowledgement, override or co-signature of a flag; never changed, kept after re-screens."""

    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        OVERRIDDEN = "overridden", "Overridden"
        COSIGNED = "cosigned", "Override co-signed"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="flag_dispositions")
    flag = models.ForeignKey(ScreeningFlag, on_delete=models.CASCADE, related_name="dispositions")
    code = models.CharField(max_length=64)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    override_reason = models.CharField(max_length=32, choices=OverrideReason.choices, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="overridden") | (~models.Q(override_reason="") & ~models.Q(note="")),
                name="override_disposition_has_reason_and_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.kind} by {self.by_id}"


class AlertDisposition(models.Model):
    """What happened when a clinician acted on an urgent alert; "could not reach" needs a retry."""

    class Kind(models.TextChoices):
        CONTACTED = "contacted", "Contacted the patient, safety plan made"
        REFERRED = "referred", "Referred to emergency care"
        NOT_REACHED = "not_reached", "Could not reach the patient"
        OTHER = "other", "Other"

    alert = models.ForeignKey(CrisisAlert, on_delete=models.CASCADE, related_name="dispositions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    note = models.TextField()
    retry_at = models.DateTimeField(null=True, blank=True, help_text="When to try the patient again.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(note=""), name="alert_disposition_has_note"),
            models.CheckConstraint(
                condition=models.Q(kind="not_reached", retry_at__isnull=False)
                | (~models.Q(kind="not_reached") & models.Q(retry_at__isnull=True)),
                name="alert_disposition_retry_only_when_not_reached",
            ),
        ]

    def __str__(self) -> str:
        return f"Alert {self.alert_id}: {self.kind}"

    @property
    def is_final(self) -> bool:
        """Whether the alert is dealt with: every kind but "could not reach"."""
        return self.kind != self.Kind.NOT_REACHED


class Decision(models.Model):
    """A clinician's decision on a case: cleared (with routes), declined, or more information asked for."""

    class Kind(models.TextChoices):
        CLEAR = "clear", "Cleared for consultation"
        DECLINE = "decline", "Declined"
        MORE_INFO = "more_info", "More information requested"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    routes = models.JSONField(default=list, blank=True, help_text="Cleared treatment routes (Route values).")
    conditions = models.TextField(blank=True, help_text="For example: BP re-check before the first dose.")
    patient_message = models.TextField(blank=True)
    internal_reason = models.TextField(blank=True)
    reopened_steps = models.JSONField(default=list, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="decline")
                | (~models.Q(patient_message="") & ~models.Q(internal_reason="")),
                name="decline_has_message_and_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="more_info") | ~models.Q(patient_message=""),
                name="more_info_has_message",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake {self.intake_id}: {self.kind}"

    def route_labels(self) -> list[str]:
        return [Route(value).label for value in self.routes if value in Route.values]
