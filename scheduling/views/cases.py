"""For a clinician: which providers a case is offered, and why each other one is left out."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.access import clinician_required
from audit.services import record_access
from patients.models import Intake
from review.models import Route
from scheduling.rules import PREFERENCE_WORDS
from scheduling.selectors import case_facts, verdicts_for


def parse_day(value: str | None, *, default: date) -> tuple[date, str]:
    """The date asked for (YYYY-MM-DD), or the default with an error to show."""
    if not value:
        return default, ""
    try:
        return date.fromisoformat(value), ""
    except ValueError:
        return default, "Enter the date as year-month-day, like 2026-07-01"


@clinician_required
def case_providers(request: HttpRequest, intake_id: int) -> HttpResponse:
    intake = get_object_or_404(Intake.objects.for_user(request.user).select_related("patient"), pk=intake_id)
    on, error = parse_day(request.GET.get("on"), default=timezone.localdate())
    # The page reveals whether and for what the patient was cleared: log the reading.
    record_access(request=request, patient=intake.patient)
    verdicts = verdicts_for(intake, on=on)
    facts = case_facts(intake)
    return render(request, "scheduling/case_providers_clinician.html", {
        "intake": intake, "on": on, "date_error": error, "facts": facts,
        "routes": [label for value, label in Route.choices if value in facts.cleared_routes],
        "preference": PREFERENCE_WORDS.get(facts.preferred_setting, "either"),
        "offered": [v for v in verdicts if v.offered], "left_out": [v for v in verdicts if not v.offered],
    })
