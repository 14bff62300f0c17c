"""Stand-in for the case page (`review:case`) until it is built, so the queue's links resolve."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import clinician_required


@clinician_required
def case_placeholder(request: HttpRequest, intake_id: int) -> HttpResponse:
    return render(request, "review/case_placeholder_clinician.html", {"intake_id": intake_id}, status=404)
