"""Second-factor helpers for tests: a session past the second factor, and the code an app shows."""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import confirmed_app, has_second_factor


def force_login_verified(client: Client, user: User) -> Client:
    """`client.force_login(user)`, then mark the session verified (staff get a confirmed app if needed)."""
    client.force_login(user)
    if user.is_clinic_staff or has_second_factor(user):
        device = confirmed_app(user) or TOTPDevice.objects.create(
            user=user, name="Test authenticator", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def app_code(key: bytes, *, steps_ahead: int = 0, now: float | None = None) -> str:
    """The 6-digit code an authenticator app with secret `key` shows now (or `steps_ahead` steps later)."""
    totp = TOTP(key)
    totp.time = (time.time() if now is None else now) + 30 * steps_ahead
    return f"{totp.token():06d}"


def unused_code(device: TOTPDevice) -> str:
    """A code the device accepts now: this step's, or the next one's if this step's was used already."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key)
    steps_ahead = 1 if totp.t() <= device.last_t else 0
    return app_code(device.bin_key, steps_ahead=steps_ahead)


def wrong_code(key: bytes) -> str:
    """A 6-digit code the app with `key` does not accept now (none of the codes in the tolerance window)."""
    accepted = {app_code(key, steps_ahead=step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
