"""Sessions end after 15 idle minutes for staff, 30 for patients, and 12 hours after sign-in for everyone."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from accounts.expiry import KEPT_MESSAGE, keep_post_after_expiry

LAST_SEEN_KEY = "last_seen"
STARTED_KEY = "session_started"
# "Last seen" is stored at most once a minute, so most requests leave the session as it was: no write,
# no commit, no Set-Cookie. The idle limit counts from the stored time, so a session ends at most a minute
# early, never late, and the expiry warning (seconds_left) reads the same stored time as the sign-out.
LAST_SEEN_EVERY = 60


def seconds_left(request: HttpRequest, now: int) -> dict[str, int]:
    """Seconds until the idle limit and until the absolute limit end this signed-in session."""
    idle = idle_limit(request.user) - (now - request.session.get(LAST_SEEN_KEY, now))
    absolute = settings.SESSION_COOKIE_AGE - (now - request.session.get(STARTED_KEY, now))
    return {"idle_seconds": max(idle, 0), "absolute_seconds": max(absolute, 0)}


def idle_limit(user: object) -> int:
    """Seconds of inactivity after which `user` is signed out."""
    if getattr(user, "is_clinic_staff", False):
        return settings.SESSION_IDLE_SECONDS_STAFF
    return settings.SESSION_IDLE_SECONDS_PATIENT


def session_end_reason(request: HttpRequest, now: int) -> str | None:
    """Why the signed-in session must end now (idle too long, or too old), or None if it may go on."""
    if now - request.session.get(LAST_SEEN_KEY, now) > idle_limit(request.user):
        return "You were signed out after a period of inactivity. Please sign in again."
    # Writing last_seen (each minute) also renews the session cookie, so SESSION_COOKIE_AGE
    # alone would slide; the start time makes the 12-hour limit absolute.
    if now - request.session.get(STARTED_KEY, now) > settings.SESSION_COOKIE_AGE:
        hours = settings.SESSION_COOKIE_AGE // 3600
        return f"For your security, sessions end after {hours} hours. Please sign in again."
    return None


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            reason = session_end_reason(request, now)
            if reason:
                user_id = request.user.pk
                logout(request)
                kept = keep_post_after_expiry(request, user_id=user_id)  # a page sent too late is kept
                messages.info(request, f"{reason} {KEPT_MESSAGE}" if kept else reason)
                return redirect_to_login(request.get_full_path())
            request.session.setdefault(STARTED_KEY, now)
            if now - request.session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_EVERY:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages shown to a signed-in user may hold health information: never cache them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
