"""The access log (who opened which patient's record) and the change history of accounts and roles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from simple_history import register

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from audit.history import USER_FIELDS_NOT_KEPT, StaffHistoricalRecords


class AccessLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an access record."""


class AccessRecordQuerySet(models.QuerySet):
    """Reads and appends only: update() and delete() are refused (the database refuses them too)."""

    def update(self, **kwargs: object) -> int:
        raise AccessLogIsAppendOnly("Access records cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("Access records cannot be deleted.")


class AccessKind(models.TextChoices):
    """What the staff member did with the record, in words that say nothing about its content."""

    VIEW = "view", "Opened"
    EXPORT = "export", "Exported"


class AccessRecord(models.Model):
    """One time a staff member was shown a patient's health information or contact details."""

    Kind = AccessKind

    at = models.DateTimeField(default=timezone.now, editable=False)
    # PROTECT: neither account can be deleted while the log names it; the copies below keep who it
    # was at the time (names, addresses and roles can change later).
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    staff_email = models.EmailField()
    staff_name = models.CharField(max_length=301, blank=True)
    staff_role = models.CharField(max_length=16, choices=Role.choices)
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    patient_email = models.EmailField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.VIEW)
    # Which page: its URL name and path. Kept for an investigation, never shown on the log page,
    # because a page's name (a crisis alert) tells what kind of health information it holds.
    action = models.CharField(max_length=100)
    path = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["patient", "at"], name="audit_access_patient_at"),
            models.Index(fields=["staff", "at"], name="audit_access_staff_at"),
            models.Index(fields=["at"], name="audit_access_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff_role__in=sorted(role.value for role in STAFF_ROLES)),
                name="audit_access_staff_role",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AccessKind.values), name="audit_access_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        # Shown by the Django admin when an account cannot be deleted: nothing about the page.
        return f"Access record {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AccessLogIsAppendOnly("Access records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("Access records cannot be deleted.")

    @property
    def patient_reference(self) -> str:
        """How the log page names a patient: a reference, not a name (see README, Access log)."""
        return f"P-{self.patient_id}"


# Staff accounts (never a password hash) and the groups that hold each role's permissions.
register(User, app="audit", records_class=StaffHistoricalRecords, excluded_fields=USER_FIELDS_NOT_KEPT)
register(Group, app="audit", m2m_fields=["permissions"])
