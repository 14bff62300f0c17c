import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.access import second_factor_step
from accounts.middleware import seconds_left


def roles(request: HttpRequest) -> dict:
    """Expose the signed-in user's role to templates for the per-role navigation.

    `second_factor_pending` is true while the session has not passed a second factor it needs: the
    navigation then offers only signing out.
    """
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    role = getattr(user, "role", None) if signed_in else None
    if getattr(request, "second_factor_passed", False):
        pending = False  # the view's access check has just asked (accounts.access), no second query
    else:
        pending = SimpleLazyObject(lambda: signed_in and second_factor_step(user) is not None)
    return {"current_role": role, "second_factor_pending": pending}


def session_timeout(request: HttpRequest) -> dict:
    """Seconds left before sign-out, for the warning that lets a signed-in user stay (WCAG 2.2.1)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and hasattr(request, "session")):
        return {}
    left = seconds_left(request, int(time.time()))
    return {"session_timeout": {**left, "hours": settings.SESSION_COOKIE_AGE // 3600}}
