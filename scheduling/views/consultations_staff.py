"""Staff pages about consultations.

The list is the clinic's schedule, for clinicians and admins: time with its zone, provider, location, status,
licence flags and the actions anyone running the day needs (mark completed or missed, cancel). It names no
patient and links to no case, so it tells an admin nothing about anyone's health: a booked consultation
means a cleared case. The patient, the case and its clearance are on the consultation's own page, for
clinicians only, and each reading is in the access log.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import clinician_required, staff_required
from audit.services import record_access
from review.models import Decision
from scheduling.forms_booking import CancelForm, DatesForm
from scheduling.models import Consultation
from scheduling.services.changes import (
    CLOSING,
    cancel_consultation,
    close_consultation,
)
from scheduling.services.licences import licence_problem
from scheduling.views.slot_lists import move_to_posted_slot, shown_consultation, slot_context

PAGE_SIZE = 50
LIST_DAYS = 7
STATUS_FILTERS = [("", "Any status"), *Consultation.Status.choices]


def schedule(request: HttpRequest) -> dict:
    """A week of consultations from the chosen day, optionally of one status, one page of them."""
    form = DatesForm(request.GET or None)
    chosen = form.cleaned_data["start"] if form.is_valid() else None
    first = chosen or timezone.localdate()
    status = request.GET.get("status", "")
    until = first + timedelta(LIST_DAYS)
    rows = Consultation.objects.filter(starts_at__date__gte=first, starts_at__date__lt=until)
    if status in Consultation.Status.values:
        rows = rows.filter(status=status)
    rows = rows.select_related("provider", "location", "intake").prefetch_related("provider__licences")
    page = Paginator(rows.order_by("starts_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return {"dates_form": form, "first_day": first, "last_day": first + timedelta(LIST_DAYS - 1),
            "status": status, "statuses": STATUS_FILTERS, "page": page,
            "rows": [with_flag(consultation) for consultation in page]}


def with_flag(consultation: Consultation) -> dict:
    flag = licence_problem(consultation) if consultation.status == Consultation.Status.BOOKED else ""
    return {"consultation": consultation, "shown": shown_consultation(consultation), "flag": flag}


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    """The clinic's schedule; no patient named (see the module's docstring)."""
    context = {**schedule(request), "now": timezone.now(), "closing": CLOSING}
    return render(request, "scheduling/consultation_list_staff.html", context)


@clinician_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One consultation with its patient, the case's clearance and its log, for clinicians."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("provider", "location", "patient", "intake").prefetch_related(
            "provider__licences", "events__by"), pk=pk)
    record_access(request=request, patient=consultation.patient)
    clearance = consultation.intake.decisions.filter(kind=Decision.Kind.CLEAR).last()
    return render(request, "scheduling/consultation_detail_clinician.html", {
        **with_flag(consultation), "clearance": clearance, "cancel_form": CancelForm(), "now": timezone.now(),
    })


@staff_required
@require_POST
def consultation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a consultation (staff, at any time); the patient is emailed."""
    consultation = get_object_or_404(Consultation, pk=pk)
    form = CancelForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        cancel_consultation(consultation=consultation, by=request.user, now=timezone.now(), note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The consultation is cancelled and the patient emailed.")
    return redirect(back(request))


@staff_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a consultation completed or missed (no-show), once its time has come."""
    consultation = get_object_or_404(Consultation, pk=pk)
    status = request.POST.get("status", "")
    try:
        close_consultation(consultation=consultation, status=status, by=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Marked {Consultation.Status(status).label.lower()}.")
    return redirect(back(request))


def back(request: HttpRequest) -> str:
    """Where a staff action returns: the list, or a clinician's consultation page it was made from."""
    target = request.POST.get("next", "")
    if target.startswith("/scheduling/consultations/") and "//" not in target and "\\" not in target:
        return target
    return reverse("booking:consultations")


@clinician_required
def consultation_move(request: HttpRequest, pk: int) -> HttpResponse:
    """A clinician moves a consultation to another slot offered to its case."""
    consultation = get_object_or_404(Consultation.objects.select_related("patient", "intake"), pk=pk)
    record_access(request=request, patient=consultation.patient)
    context, status = {"consultation": consultation, "shown_now": shown_consultation(consultation)}, 200
    if consultation.status != Consultation.Status.BOOKED:
        return redirect("booking:consultation", pk=pk)
    if request.method == "POST":
        if (refused := move_to_posted_slot(request, consultation)) is None:
            messages.success(request, "The consultation has moved and the patient emailed.")
            return redirect("booking:consultation", pk=pk)
        context.update(refused)
        status = 409
    now = timezone.now()
    context.update(slot_context(request, consultation.intake, now=now, today=timezone.localdate(now)))
    return render(request, "scheduling/consultation_move_clinician.html", context, status=status)
