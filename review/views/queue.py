"""The review queue: waiting cases in order, filtered and searched, and claiming a case from it."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from accounts.access import clinician_required
from audit.services import record_list_access
from patients.models import Intake
from review.selectors import claim_filter_choices, queue_page
from review.services import claim_case, release_case
from review.views.queue_filters import QueueFilterForm

ROWS_PER_PAGE = 50
CURSOR_LENGTH = 200


@clinician_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """One page of the queue; the rows shown (names and flags) go into the access log."""
    form = QueueFilterForm(request.GET, clinicians=claim_filter_choices())
    page = None
    if form.is_valid():
        cursor = request.GET.get("cursor", "")[:CURSOR_LENGTH]
        page = queue_page(form.queue_filters(), cursor=cursor, now=timezone.now(), page_size=ROWS_PER_PAGE)
        record_list_access(request=request, patients=[row.patient for row in page.rows])
    return render(request, "review/queue_clinician.html", {
        "form": form, "page": page, "filtered": page is not None and form.is_filtered,
        "back": request.get_full_path(), "queue_statuses": Intake.QUEUE_STATUSES,
    })


@clinician_required
@require_POST
def claim(request: HttpRequest, intake_id: int) -> HttpResponse:
    return act_on_claim(request, intake_id, claim_case, done="claimed",
                        after="It lapses if you leave it idle.")


@clinician_required
@require_POST
def release(request: HttpRequest, intake_id: int) -> HttpResponse:
    return act_on_claim(request, intake_id, release_case, done="released",
                        after="another clinician may claim it.", joiner=":")


def act_on_claim(
    request: HttpRequest, intake_id: int, service: Callable, *, done: str, after: str, joiner: str = "."
) -> HttpResponse:
    """Claim or release a sent case for the clinician, saying what happened; back to where they were."""
    intake = get_object_or_404(Intake.objects.exclude(status=Intake.Status.DRAFT), pk=intake_id)
    try:
        service(intake=intake, by=request.user)
    except ValidationError as exc:
        messages.error(request, f"Case {intake.pk} was not {done}. {' '.join(exc.messages)}")
    else:
        messages.success(request, f"You have {done} case {intake.pk}{joiner} {after}")
    return redirect(back_to(request))


def back_to(request: HttpRequest) -> str:
    """The review page the form was posted from (its `next` field), or the queue."""
    queue_url = reverse("review:queue")
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target.startswith(queue_url) else queue_url
