"""Default deny: every view names the roles it serves; anonymous users go to login, others get 403.

A view open to everyone says so with `public`. Patients whose email address is not verified yet may
sign in, but every patient page sends them to the "check your email" page until they verify it.

Staff, and patients who turned it on, must also pass the second factor (accounts.two_factor): until
they do, every page but the second-factor pages themselves sends them there.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.roles import Role
from accounts.two_factor import has_second_factor, is_verified

View = Callable[..., HttpResponse]
PUBLIC = "public"
VERIFY_STEP = "accounts:two-factor-verify"
SETUP_STEP = "accounts:two-factor-setup"


def second_factor_step(user: object) -> str | None:
    """The URL name of the second-factor page this signed-in user must pass first, or None."""
    if is_verified(user):
        return None
    if has_second_factor(user):
        return VERIFY_STEP
    return SETUP_STEP if user.is_clinic_staff else None


def role_required(*roles: Role, before_second_factor: bool = False) -> Callable[[View], View]:
    """Allow only signed-in users whose role is one of `roles` (patients once their email is verified).

    With `before_second_factor` the view is also open to a session that has not passed the second
    factor yet (the pages that let it do so).
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in roles:
                raise PermissionDenied
            if not before_second_factor:
                if step := second_factor_step(user):
                    return redirect_to_login(request.get_full_path(), login_url=reverse(step))
                request.second_factor_passed = True  # read by accounts.context_processors.roles
            if user.role == Role.PATIENT and user.email_verified_at is None:
                return redirect("accounts:check-email")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)  # read by the URL x role test
        wrapper.before_second_factor = before_second_factor
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
second_factor_step_view = role_required(*Role, before_second_factor=True)
