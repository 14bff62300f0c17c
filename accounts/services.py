"""Accounts: roles kept in sync with groups, patient sign-up with email verification, staff accounts."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User, normalize_email
from accounts.roles import STAFF_ROLES, Role
from outbox.services import enqueue_email

VERIFY_SALT = "accounts.verify-email"
VERIFY_LINK_MAX_AGE = timedelta(days=2)


class EmailAlreadyRegistered(Exception):
    """Raised by register_patient after it has told the existing account holder by email."""


def absolute_url(path: str) -> str:
    """Links in emails use the configured site address, never the request's Host header."""
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def assign_role(*, user: User, role: Role | str) -> User:
    """Set the user's role and make their group membership and admin-site access match it."""
    user.role = Role(role)
    user.is_staff = user.role == Role.ADMIN
    user.full_clean(exclude=["password"])
    user.save()
    group, _ = Group.objects.get_or_create(name=user.role.value)
    user.groups.set([group])
    return user


def find_user_by_email(email: str) -> User | None:
    """The account for `email`, whatever its case or surrounding spaces."""
    return User.objects.filter(email=normalize_email(email)).first()


def register_patient(*, email: str, password: str, first_name: str, last_name: str) -> User:
    """Create an unverified patient account and email them a verification link.

    Raises EmailAlreadyRegistered (after emailing the existing account holder) if the address is taken.
    """
    existing = find_user_by_email(email)
    if existing is not None:
        send_account_exists_email(user=existing)
        raise EmailAlreadyRegistered(email)
    user = User(email=normalize_email(email), first_name=first_name, last_name=last_name)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        assign_role(user=user, role=Role.PATIENT)
        send_verification_email(user=user)
    return user


# Anyone can make the clinic send these by typing an address, so each address gets only a few an hour.
USER_TRIGGERED_EMAILS_PER_HOUR = 3


def make_verification_token(user: User) -> str:
    """A signed token naming the user and their address, so changing the address voids old links."""
    return signing.TimestampSigner(salt=VERIFY_SALT).sign_object({"user": user.pk, "email": user.email})


def send_verification_email(*, user: User) -> None:
    """Queue an email with a time-limited link that verifies the user's address."""
    link = absolute_url(reverse("accounts:verify-email", args=[make_verification_token(user)]))
    enqueue_email(
        to=user.email,
        subject="Confirm your email address",
        template="accounts/email/verify_email.txt",
        context={"first_name": user.first_name, "link": link, "days": VERIFY_LINK_MAX_AGE.days},
        kind="verify-email",
        hourly_limit=USER_TRIGGERED_EMAILS_PER_HOUR,
    )


def send_account_exists_email(*, user: User) -> None:
    """Tell an account holder someone tried to register with their address (the page does not say)."""
    enqueue_email(
        to=user.email,
        subject="You already have an account",
        template="accounts/email/account_exists.txt",
        context={
            "first_name": user.first_name,
            "login_link": absolute_url(reverse("accounts:login")),
            "reset_link": absolute_url(reverse("accounts:password-reset")),
        },
        kind="account-exists",
        hourly_limit=USER_TRIGGERED_EMAILS_PER_HOUR,
    )


def check_verification_token(*, token: str) -> User:
    """The account a verification link names; raises signing.SignatureExpired or BadSignature."""
    payload = signing.TimestampSigner(salt=VERIFY_SALT).unsign_object(
        token, max_age=VERIFY_LINK_MAX_AGE
    )
    user = User.objects.filter(pk=payload["user"], email=payload["email"], is_active=True).first()
    if user is None:
        raise signing.BadSignature("The account for this link no longer exists.")
    return user


def verify_email(*, token: str) -> User:
    """Mark the address in `token` verified; raises signing.SignatureExpired or BadSignature."""
    user = check_verification_token(token=token)
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def resend_verification(*, email: str) -> None:
    """Send a new link if `email` belongs to an unverified patient; silent otherwise, by design."""
    user = find_user_by_email(email)
    if user and user.is_active and user.is_patient and user.email_verified_at is None:
        send_verification_email(user=user)


def require_admin(user: User) -> None:
    """Raise PermissionDenied unless `user` is an active clinic admin."""
    if not (user.is_authenticated and user.is_active and user.is_clinic_admin):
        raise PermissionDenied("Only clinic admins can manage staff accounts.")


@transaction.atomic
def create_staff_account(
    *, email: str, first_name: str, last_name: str, role: Role | str, created_by: User
) -> User:
    """Create a clinician or admin account without a password and email them an invitation."""
    require_admin(created_by)
    if Role(role) not in STAFF_ROLES:
        raise ValidationError({"role": "Staff accounts are for clinicians and admins."})
    if find_user_by_email(email) is not None:
        raise ValidationError({"email": "An account with this email address already exists."})
    user = User(
        email=normalize_email(email), first_name=first_name, last_name=last_name, created_by=created_by
    )
    user.set_unusable_password()
    user.email_verified_at = timezone.now()  # the admin vouches for a staff address
    assign_role(user=user, role=role)
    send_staff_invitation(user=user)
    return user


def send_staff_invitation(*, user: User) -> None:
    """Queue an invitation with a one-use set-password link (Django's password-reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    enqueue_email(
        to=user.email,
        subject="You have been invited to the clinic intake service",
        template="accounts/email/staff_invitation.txt",
        context={
            "first_name": user.first_name,
            "link": absolute_url(path),
            "reset_link": absolute_url(reverse("accounts:password-reset")),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
        kind="staff-invitation",
    )


@transaction.atomic
def deactivate_staff_account(*, user: User, deactivated_by: User) -> User:
    """Switch off a staff account so it can no longer sign in; its history stays."""
    require_admin(deactivated_by)
    if user.pk == deactivated_by.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not user.is_clinic_staff:
        raise ValidationError("Only staff accounts are managed here.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user
