"""Default deny: every view names the roles it serves; anonymous users go to login, others get 403.

A view open to everyone says so with `public`. Patients whose email address is not verified yet may
sign in, but every patient page sends them to the "check your email" page until they verify it.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.roles import Role

View = Callable[..., HttpResponse]
PUBLIC = "public"


def role_required(*roles: Role) -> Callable[[View], View]:
    """Allow only signed-in users whose role is one of `roles` (patients once their email is verified)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in roles:
                raise PermissionDenied
            if user.role == Role.PATIENT and user.email_verified_at is None:
                return redirect("accounts:check-email")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)  # read by the URL x role test
        return wrapper

    return decorator


def public(view: View) -> View:
    """Mark a view as open to everyone, signed in or not (sign-in, registration, password reset)."""
    view.allowed_roles = PUBLIC
    return view


patient_required = role_required(Role.PATIENT)
clinician_required = role_required(Role.CLINICIAN)
admin_required = role_required(Role.ADMIN)
staff_required = role_required(Role.CLINICIAN, Role.ADMIN)
signed_in_required = role_required(*Role)
