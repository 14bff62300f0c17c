"""Name suggestions for the medicines step, from the clinic's medication dictionary."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts.access import patient_required
from screening.models import MedicationName

MAX_SUGGESTIONS = 10
MIN_QUERY = 2


@patient_required
@require_GET
def medication_suggest(request: HttpRequest) -> JsonResponse:
    """At most ten active dictionary names for what the patient has typed (names starting with it first)."""
    # PostgreSQL refuses NUL in a query; no keyboard types one.
    query = request.GET.get("q", "").replace("\0", "").strip().lower()[:60]
    if len(query) < MIN_QUERY:
        return JsonResponse({"names": []})
    active = MedicationName.objects.filter(is_active=True).order_by("name")
    names = list(active.filter(name__startswith=query).values_list("name", flat=True)[:MAX_SUGGESTIONS])
    if len(names) < MAX_SUGGESTIONS:
        more = active.filter(name__contains=query).exclude(name__in=names)
        names += list(more.values_list("name", flat=True)[: MAX_SUGGESTIONS - len(names)])
    return JsonResponse({"names": names})
