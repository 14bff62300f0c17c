"""Whom django-axes counts failed sign-ins against: the normalised email, and the client's address.

Both are read through axes' documented hooks (AXES_USERNAME_CALLABLE, AXES_CLIENT_IP_CALLABLE), so
its records, checks and resets all agree on the key.
"""

from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest

from accounts.models import normalize_email


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The email as the account stores it: another case or spacing does not start a fresh count."""
    data = credentials or getattr(request, "data", request.POST)
    email = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return normalize_email(email) if isinstance(email, str) else None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind a trusted proxy, the address that proxy saw (last X-Forwarded-For)."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    trusted = settings.TRUSTED_PROXY_IPS
    return forwarded if forwarded and ("*" in trusted or remote in trusted) else remote


def forget_failures(*, email: str) -> None:
    """After a successful sign-in, clear that email's failures (the address's others still count)."""
    reset(username=normalize_email(email))
