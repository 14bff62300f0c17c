import unicodedata

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.roles import STAFF_ROLES, Role
from clinic.validators import validate_visible_text


def normalize_email(email: str) -> str:
    """The one spelling accounts store, look up and count failed sign-ins by: NFKC, trimmed, lower case."""
    return unicodedata.normalize("NFKC", email).strip().lower()


class UserManager(BaseUserManager):
    """Email is the login; usernames do not exist."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str) -> "User":
        # Every stored email is normalised, so the spelling that finds the account is exactly the
        # one django-axes counts failures under (accounts.lockout): no other spelling walks around it.
        return self.get(email=normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("role", Role.PATIENT)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None
    # The intake's rule for typed names, so no form (the Django admin's included) stores a hidden character.
    first_name = models.CharField(
        "first name", max_length=150, blank=True, validators=[validate_visible_text]
    )
    last_name = models.CharField("last name", max_length=150, blank=True, validators=[validate_visible_text])
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The admin who created this staff account (empty for self-registered patients).",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="user_email_ci_unique",
                violation_error_message="An account with this email address already exists.",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def normalize_username(cls, username: str) -> str:
        # Model.clean() applies this, so every form that saves a user (the Django admin's too) stores it.
        return normalize_email(username) if isinstance(username, str) else username

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_clinic_staff(self) -> bool:
        return self.role in STAFF_ROLES


class SecondFactorReset(models.Model):
    """An admin cleared a staff member's authenticator app and recovery codes: who, whose, when."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="second_factor_resets")
    reset_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reset_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-reset_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(user=models.F("reset_by")), name="reset_not_own"),
        ]

    def __str__(self) -> str:
        return f"{self.user} reset by {self.reset_by} at {self.reset_at:%Y-%m-%d %H:%M}"
