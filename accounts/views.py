from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.roles import Role

ROLE_HOMES = {
    Role.PATIENT: "patients:dashboard",
    Role.CLINICIAN: "screening:home",
    Role.ADMIN: "screening:home",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own home page."""
    return redirect(ROLE_HOMES[request.user.role])
