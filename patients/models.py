from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.roles import Role

REVIEW_STEP = "review"  # the consent and signature step, signed again on every sending
UNSCREENED_RANK = 9  # after every outcome (URGENT 0 ... ELIGIBLE 3): not screened yet


class IntakeQuerySet(models.QuerySet):
    def for_user(self, user: object) -> "IntakeQuerySet":
        """The one place that scopes intakes: a patient sees their own, a clinician submitted ones."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.role == Role.PATIENT:
            return self.filter(patient=user)
        if user.role == Role.CLINICIAN:
            return self.exclude(status=Intake.Status.DRAFT)
        return self.none()

    def awaiting_review(self) -> "IntakeQuerySet":
        return self.filter(status__in=Intake.QUEUE_STATUSES)

    def open_cases(self) -> "IntakeQuerySet":
        return self.filter(status__in=Intake.OPEN_STATUSES)

    def active_cases(self) -> "IntakeQuerySet":
        """Sent intakes the clinic still acts on: open ones and cleared ones not yet booked."""
        return self.filter(status__in=Intake.ACTIVE_STATUSES)


class Intake(models.Model):
    """One patient's intake questionnaire, from first draft to a clinician's decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        IN_REVIEW = "in_review", "In review"
        MORE_INFO_REQUESTED = "more_info_requested", "More information requested"
        CLEARED = "cleared", "Cleared"
        DECLINED = "declined", "Declined"
        CONSULTATION_BOOKED = "consultation_booked", "Consultation booked"

    # Waiting for a clinician: the review queue, and its partial index.
    QUEUE_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)
    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_INFO_REQUESTED)
    # A cleared case is still re-screened until it is booked: a new contraindication must reach it.
    ACTIVE_STATUSES = (*OPEN_STATUSES, Status.CLEARED)
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.IN_REVIEW, Status.CLEARED, Status.DECLINED, Status.MORE_INFO_REQUESTED},
        Status.IN_REVIEW: {Status.CLEARED, Status.DECLINED, Status.MORE_INFO_REQUESTED},
        Status.MORE_INFO_REQUESTED: {Status.SUBMITTED, Status.IN_REVIEW},
        # A re-screen that adds a flag to a cleared, unbooked case puts it back in review.
        Status.CLEARED: {Status.CONSULTATION_BOOKED, Status.IN_REVIEW},
        Status.DECLINED: set(),
        # A cancelled consultation leaves the case cleared, to be booked again.
        Status.CONSULTATION_BOOKED: {Status.CLEARED},
    }

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes")
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True, help_text="Flat answers by field name.")
    completed_steps = models.JSONField(default=list, blank=True)
    unsaved_pages = models.JSONField(
        default=dict, blank=True, help_text="What was typed on a page left with errors, by step."
    )
    document = models.JSONField(null=True, blank=True, help_text="The intake document frozen at submission.")
    consent_signature = models.CharField(max_length=200, blank=True)
    consent_signed_at = models.DateTimeField(null=True, blank=True)
    crisis_shown_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="When it was last sent.")
    reopened_steps = models.JSONField(
        default=list, blank=True, help_text="Steps the patient may change while more is asked for."
    )
    answers_at_request = models.JSONField(
        default=dict, blank=True, help_text="The answers when more was asked for, to mark changes."
    )
    changed_answers = models.JSONField(
        default=list, blank=True, help_text="Answers the patient changed in the last resubmission."
    )
    # Copied from the current screening result by the screening services, so the queue needs no join.
    current_outcome = models.CharField(max_length=10, blank=True)
    outcome_rank = models.PositiveSmallIntegerField(default=UNSCREENED_RANK)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"], condition=models.Q(status="draft"), name="one_draft_per_patient"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="submitted_intake_has_time",
            ),
        ]
        indexes = [
            # The queue: waiting cases by outcome, oldest first (review.selectors.queue_page).
            models.Index(
                fields=["outcome_rank", "submitted_at", "id"], name="intake_queue_order",
                condition=models.Q(status__in=["submitted", "in_review"]),
            ),
            # The queue filtered by one status (cleared, declined ...).
            models.Index(fields=["status", "outcome_rank", "submitted_at", "id"], name="intake_status_order"),
            # The queue of every open case (the rule catalogue's counts link there), in the same order.
            models.Index(
                fields=["outcome_rank", "submitted_at", "id"], name="intake_open_order",
                condition=models.Q(status__in=["submitted", "in_review", "more_info_requested"]),
            ),
            # The queue searched by name: from the few patients found to their open intake.
            models.Index(
                fields=["patient"], name="intake_open_patient",
                condition=models.Q(status__in=["submitted", "in_review", "more_info_requested"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Intake {self.pk} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        """A draft: every step may change, and it has not been sent."""
        return self.status == self.Status.DRAFT

    @property
    def awaiting_more_information(self) -> bool:
        return self.status == self.Status.MORE_INFO_REQUESTED

    @property
    def takes_answers(self) -> bool:
        """Whether the patient may change some answers now: a draft, or the steps the clinic reopened."""
        return self.is_editable or self.awaiting_more_information

    def can_edit_step(self, slug: str) -> bool:
        """Whether the patient may change this step: any in a draft, else only reopened ones and signing."""
        if self.is_editable:
            return True
        return self.awaiting_more_information and (slug in self.reopened_steps or slug == REVIEW_STEP)

    def set_status(
        self, new_status: str, *, by: object, note: str = "", fields: Iterable[str] = ()
    ) -> "IntakeStatusChange":
        """Move to `new_status` if the workflow allows it and record who moved it (inside a transaction).

        `fields` are other changed fields saved in the same UPDATE (what a submission freezes, say).
        """
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            raise ValidationError(f"An intake cannot go from {self.status} to {new_status}.")
        change = IntakeStatusChange(
            intake=self, from_status=self.status, to_status=new_status, by=by, note=note
        )
        self.status = new_status
        self.save(update_fields=list(dict.fromkeys(["status", "updated_at", *fields])))
        change.save()
        return change


class IntakeStatusChange(models.Model):
    """The audit trail of an intake's workflow."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=32, choices=Intake.Status.choices)
    to_status = models.CharField(max_length=32, choices=Intake.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.intake_id}: {self.from_status} -> {self.to_status}"


class PatientMessage(models.Model):
    """What the clinic tells the patient about their intake: a decision, or a request for more."""

    class Kind(models.TextChoices):
        DECISION = "decision", "Decision"
        MORE_INFO = "more_info", "More information requested"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="patient_message_has_body")]

    def __str__(self) -> str:
        return f"Message {self.pk} on intake {self.intake_id} ({self.kind})"
