"""Stored screening results: the flags as the clinician saw them, and what changed between screenings."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from patients.models import Intake


class Outcome(models.TextChoices):
    URGENT = "URGENT", "Urgent: same-day contact"
    BLOCKED = "BLOCKED", "Blocked until a clinician overrides"
    REVIEW = "REVIEW", "Needs clinician review"
    ELIGIBLE = "ELIGIBLE", "Eligible"


# The queue's order, copied to Intake.outcome_rank with the outcome (patients.models.UNSCREENED_RANK last).
OUTCOME_RANK = {Outcome.URGENT: 0, Outcome.BLOCKED: 1, Outcome.REVIEW: 2, Outcome.ELIGIBLE: 3}


class Severity(models.TextChoices):
    URGENT = "URGENT", "Urgent"
    EXCLUSION = "EXCLUSION", "Exclusion"
    PRECAUTION = "PRECAUTION", "Precaution"
    INFO = "INFO", "Information"


class Reason(models.TextChoices):
    SUBMITTED = "submitted", "Intake submitted"
    ANSWERS_CHANGED = "answers_changed", "Answers changed"
    RULESET_CHANGED = "ruleset_changed", "Screening rules changed"
    DICTIONARY_CHANGED = "dictionary_changed", "Medication dictionary changed"
    MANUAL = "manual", "Screened again by hand"


class OverrideReason(models.TextChoices):
    """Why a clinician set an EXCLUSION aside (the fixed list of the review issue)."""

    PATIENT_CLARIFIED = "patient_clarified", "Patient clarified the answer"
    SPECIALIST_CLEARANCE = "specialist_clearance", "Specialist clearance on file"
    CONDITION_RESOLVED = "condition_resolved", "Condition resolved"
    BENEFIT_OUTWEIGHS_RISK = "benefit_outweighs_risk", "Benefit outweighs risk, documented"
    OTHER = "other", "Other"


class ScreeningResult(models.Model):
    """One run of the rules over an intake document; exactly one per intake is current."""

    Outcome = Outcome
    Reason = Reason

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="screening_results")
    ruleset_version = models.CharField(max_length=20)
    dictionary_version = models.CharField(
        max_length=64, blank=True, default="",
        help_text="Fingerprint of the medication dictionary the result was last checked against.",
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    scores = models.JSONField(default=dict, blank=True)
    is_current = models.BooleanField(default=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake"], condition=models.Q(is_current=True), name="one_current_result_per_intake"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=Outcome.values), name="screening_result_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Intake {self.intake_id}: {self.outcome} ({self.ruleset_version})"


class ScreeningFlag(models.Model):
    """A fired rule, with the rationale and sources as they were shown, and the clinician's review."""

    Severity = Severity
    OverrideReason = OverrideReason

    class ReviewState(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        OVERRIDDEN = "overridden", "Overridden"

    result = models.ForeignKey(ScreeningResult, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(max_length=64)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    rationale = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    review_state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.OPEN)
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.CharField(max_length=32, choices=OverrideReason.choices, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)
    added_by_rescreen = models.BooleanField(
        default=False, help_text="Raised, or its evidence changed, by a screening after the first one."
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["result", "code"], name="one_flag_per_code_per_result"),
            models.CheckConstraint(
                condition=models.Q(review_state="open")
                | models.Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="reviewed_flag_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_state="overridden") | ~models.Q(review_reason=""),
                name="overridden_flag_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_state="overridden") | ~models.Q(override_reason=""),
                name="overridden_flag_has_override_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(cosigned_by__isnull=True, cosigned_at__isnull=True)
                | models.Q(review_state="overridden", cosigned_by__isnull=False, cosigned_at__isnull=False),
                name="cosigned_flag_is_an_override_with_who_and_when",
            ),
            models.CheckConstraint(
                condition=models.Q(cosigned_by__isnull=True) | ~models.Q(cosigned_by=models.F("reviewed_by")),
                name="cosigner_is_not_the_reviewer",
            ),
        ]
        indexes = [
            # The queue's "new flags" mark reads only these few rows, however many flags there are.
            models.Index(
                fields=["result"], name="new_open_flag_result",
                condition=models.Q(added_by_rescreen=True, review_state="open"),
            ),
            # The queue filtered by a flag code: that code's flags without reading every flag.
            models.Index(fields=["code", "result"], name="flag_code_result"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.severity}, {self.review_state})"

    @property
    def is_open(self) -> bool:
        return self.review_state == self.ReviewState.OPEN


class ScreeningChange(models.Model):
    """What a new screening changed against the previous current one, for the clinician to see."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="screening_changes")
    previous = models.ForeignKey(ScreeningResult, on_delete=models.CASCADE, related_name="+")
    new = models.ForeignKey(ScreeningResult, on_delete=models.CASCADE, related_name="changes_in")
    flags_added = models.JSONField(default=list, blank=True)
    flags_removed = models.JSONField(default=list, blank=True)
    flags_changed = models.JSONField(
        default=list, blank=True, help_text="Codes still present with different evidence (review reopened)."
    )
    outcome_before = models.CharField(max_length=10, choices=Outcome.choices)
    outcome_after = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Intake {self.intake_id}: {self.outcome_before} -> {self.outcome_after}"

    @property
    def outcome_changed(self) -> bool:
        return self.outcome_before != self.outcome_after

    @property
    def has_differences(self) -> bool:
        return bool(self.outcome_changed or self.flags_added or self.flags_removed or self.flags_changed)
