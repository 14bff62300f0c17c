import time

from django.conf import settings
from django.http import HttpRequest

from accounts.middleware import seconds_left


def roles(request: HttpRequest) -> dict:
    """Expose the signed-in user's role to templates for the per-role navigation."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    return {"current_role": role}


def session_timeout(request: HttpRequest) -> dict:
    """Seconds left before sign-out, for the warning that lets a signed-in user stay (WCAG 2.2.1)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and hasattr(request, "session")):
        return {}
    left = seconds_left(request, int(time.time()))
    return {"session_timeout": {**left, "hours": settings.SESSION_COOKIE_AGE // 3600}}
