"""Demo accounts: one per role, plus a second clinician and a patient who never started an intake.

Demo staff share one known authenticator secret, DEMO_TOTP_KEY, so the demo and the browser tests can
pass the second factor (`manage.py demo_totp EMAIL` prints the current code). It exists only here.
"""

import time
from base64 import b32encode
from binascii import unhexlify

from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from accounts.services import assign_role

DEMO_PASSWORD = "demo-clinic-2026"
# Public by design: never give it to a real account. Base32 for authenticator apps: see demo_secret().
DEMO_TOTP_KEY = "3cf4daafa7f0b623fc4ed06084ef8c5e40927bda"
DEMO_DEVICE_NAME = "Demo authenticator"
DEMO_ACCOUNTS = [
    ("admin@demo.clinic", Role.ADMIN, "Ada", "Admin"),
    ("clinician@demo.clinic", Role.CLINICIAN, "Casey", "Clinician"),
    ("clinician2@demo.clinic", Role.CLINICIAN, "Corey", "Clinician"),
    ("patient@demo.clinic", Role.PATIENT, "Pat", "Patient"),
    ("patient2@demo.clinic", Role.PATIENT, "Robin", "Newcomer"),
]
DEMO_STAFF_EMAILS = frozenset(email for email, role, _, _ in DEMO_ACCOUNTS if role in STAFF_ROLES)


def load() -> list[str]:
    """Create or refresh the demo accounts; returns lines describing them."""
    for email, role, first, last in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.first_name, user.last_name = first, last
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.set_password(DEMO_PASSWORD)
        assign_role(user=user, role=role)
        if role in STAFF_ROLES:
            give_demo_app(user)
    return [f"{role.label:<10} {email}  /  {DEMO_PASSWORD}" for email, role, _, _ in DEMO_ACCOUNTS] + [
        "Staff then enter a code: `DEBUG=1 .venv/bin/python manage.py demo_totp clinician@demo.clinic`",
        f"prints it (any demo staff address), or add the key {demo_secret()} to an authenticator app.",
    ]


def give_demo_app(user: User) -> TOTPDevice:
    """Replace the user's authenticator apps with one confirmed app holding the demo secret."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)


def demo_secret() -> str:
    """DEMO_TOTP_KEY as authenticator apps take it (base32)."""
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()


def demo_app(email: str) -> TOTPDevice | None:
    """The demo authenticator of a demo staff account, or None for any other account or key."""
    if email.strip().lower() not in DEMO_STAFF_EMAILS:
        return None
    return TOTPDevice.objects.filter(
        user__email__iexact=email.strip(), key=DEMO_TOTP_KEY, confirmed=True
    ).first()


def current_code(device: TOTPDevice, now: float | None = None) -> tuple[str, int]:
    """The code the device's app shows now, and how many seconds it has left."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if now is None else now
    left = device.step - int(totp.time - device.t0) % device.step
    return f"{totp.token():0{device.digits}d}", left
