"""Account pages: home by role here; sign-in, registration and staff management in the submodules."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.access import signed_in_required
from accounts.roles import Role

ROLE_HOMES = {
    Role.PATIENT: "patients:dashboard",
    Role.CLINICIAN: "screening:home",
    Role.ADMIN: "screening:home",
}


@signed_in_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own home page."""
    return redirect(ROLE_HOMES[request.user.role])
