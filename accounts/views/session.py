"""Stay signed in: the one action the sign-out warning offers (WCAG 2.2.1, Timing Adjustable)."""

import time

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from accounts.access import signed_in_required
from accounts.middleware import seconds_left


@signed_in_required
@require_POST
def stay_signed_in(request: HttpRequest) -> JsonResponse:
    """The session middleware has just renewed the idle limit; tell the page how long it now has."""
    return JsonResponse(seconds_left(request, int(time.time())))
