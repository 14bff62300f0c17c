"""Two-factor sign-in on django-otp: an authenticator app (TOTP) and one-time recovery codes.

Staff must pass it before any staff page; patients may turn it on. Wrong codes are throttled per device
by django-otp (after n failures in a row the next try must wait 2^(n-1) seconds), whatever the session
or address they come from.
"""

import logging
import math
import xml.etree.ElementTree as ET
from base64 import b32encode
from datetime import datetime

import qrcode
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from accounts.models import SecondFactorReset, User
from accounts.services import require_admin
from outbox.services import enqueue_email

logger = logging.getLogger(__name__)
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6


class WrongCode(Exception):
    """The code was not accepted (wrong, already used, or too old)."""


class TooManyAttempts(Exception):
    """Too many wrong codes in a row: the device refuses every code until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until

    def seconds_left(self, now: datetime) -> int:
        return max(1, math.ceil((self.until - now).total_seconds()))


def is_verified(user: object) -> bool:
    """Whether this request's user passed the second factor in this session (OTPMiddleware sets it)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def confirmed_apps() -> QuerySet[TOTPDevice]:
    return TOTPDevice.objects.filter(confirmed=True)


def has_second_factor(user: User) -> bool:
    """Whether the user has a confirmed authenticator app, so every sign-in asks for a code."""
    return confirmed_apps().filter(user=user).exists()


def confirmed_app(user: User) -> TOTPDevice | None:
    """The user's authenticator app, once a code from it confirmed it was set up."""
    return confirmed_apps().filter(user=user).first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_app(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, kept until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The device's secret in base32, in groups of four, for people who type it instead of scanning."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the app's set-up address, drawn on the server (no outside service)."""
    svg = qrcode.make(device.config_url, image_factory=SvgPathFillImage, border=4).get_image()
    for name, value in {"width": "200", "height": "200", "role": "img", "focusable": "false"}.items():
        svg.set(name, value)
    svg.set("aria-label", "QR code for your authenticator app")
    return ET.tostring(svg, encoding="unicode")


def normalise(code: str) -> str:
    """Codes as people type them: spaces and hyphens dropped, letters in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def check_code(device: Device, code: str) -> Device:
    """Return `device` once it accepts `code`; raises TooManyAttempts or WrongCode.

    The device row is locked, and its throttle counters are saved whether the code is right or not.
    """
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        accepted = allowed and device.verify_token(normalise(code))
    if not allowed:
        raise TooManyAttempts(details["locked_until"])
    if not accepted:
        raise WrongCode
    return device


def verify_sign_in(*, user: User, code: str) -> Device:
    """The device that accepts `code` at sign-in: six digits for the app, anything else a recovery code."""
    code = normalise(code)
    model = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise WrongCode
    return check_code(device, code)


def confirm_app(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Switch on the app being set up once `code` from it is right, replacing any earlier app.

    Returns the device and a new set of recovery codes (the old set stops working).
    """
    device = check_code(pending_app(user=user), code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = replace_recovery_codes(user=user)
    return device, codes


@transaction.atomic
def replace_recovery_codes(*, user: User) -> list[str]:
    """A new set of one-time recovery codes for `user`; every earlier code stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(*, user: User) -> None:
    """Delete the user's authenticator apps and recovery codes; their verified sessions lose the factor."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def turn_off(*, user: User) -> None:
    """A patient turns two-factor sign-in off; staff cannot (it is required for them)."""
    if user.is_clinic_staff:
        raise ValidationError("Two-factor sign-in is required for staff accounts.")
    remove_devices(user=user)


@transaction.atomic
def reset_second_factor(*, user: User, reset_by: User) -> SecondFactorReset:
    """An admin clears another staff member's second factor: recorded, and the person is emailed."""
    require_admin(reset_by)
    if user.pk == reset_by.pk:
        raise ValidationError("You cannot reset your own two-factor sign-in. Ask another admin.")
    if not user.is_clinic_staff:
        raise ValidationError("Only staff accounts are managed here.")
    remove_devices(user=user)
    record = SecondFactorReset.objects.create(user=user, reset_by=reset_by)
    send_reset_email(record=record)
    logger.info("two-factor: user %s reset by admin %s", user.pk, reset_by.pk)
    return record


def send_reset_email(*, record: SecondFactorReset) -> None:
    """Tell the person their second factor was reset, by whom and when (no link, nothing else)."""
    enqueue_email(
        to=record.user.email,
        subject="Your two-factor sign-in was reset",
        template="accounts/email/two_factor_reset.txt",
        context={
            "first_name": record.user.first_name,
            "admin_name": record.reset_by.get_full_name() or record.reset_by.email,
            "when": timezone.localtime(record.reset_at),
        },
        kind="two-factor-reset",
    )
