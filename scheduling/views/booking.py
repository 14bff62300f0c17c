"""Booking pages: a clinician books a cleared case; a cleared patient books if the clinic allows it."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.access import clinician_required, patient_required
from audit.services import record_access
from patients.models import Intake
from review.models import Decision
from scheduling.forms_booking import SlotForm
from scheduling.models import SchedulingSettings
from scheduling.services.booking import BookingRefused, book_consultation
from scheduling.views.slot_lists import shown_slots, slot_context


@clinician_required
def book_case(request: HttpRequest, intake_id: int) -> HttpResponse:
    """The cleared case's clearance and the slots offered to it; a chosen slot is booked on POST."""
    intake = get_object_or_404(Intake.objects.for_user(request.user).select_related("patient"), pk=intake_id)
    record_access(request=request, patient=intake.patient)
    clearance = intake.decisions.filter(kind=Decision.Kind.CLEAR).last()
    context = {"intake": intake, "clearance": clearance, "bookable": intake.status == Intake.Status.CLEARED}
    if request.method == "POST" and context["bookable"]:
        return book(request, intake, context, done=lambda c: redirect("booking:consultation", pk=c.pk))
    return render_slots(request, "scheduling/book_clinician.html", intake, context)


@patient_required
def book_own(request: HttpRequest) -> HttpResponse:
    """The patient's own cleared case's slots, when the clinic lets patients book themselves."""
    intake = Intake.objects.for_user(request.user).filter(status=Intake.Status.CLEARED).first()
    if intake is None or not SchedulingSettings.current().patient_self_booking:
        raise Http404("Nothing to book")
    context = {"intake": intake, "bookable": True}
    if request.method == "POST":
        return book(request, intake, context, done=lambda c: redirect("patients:dashboard"))
    return render_slots(request, "scheduling/book_patient.html", intake, context)


def book(request: HttpRequest, intake: Intake, context: dict, *, done: object) -> HttpResponse:
    """Book the posted slot; a refusal re-shows the page with the reason and the next free slots."""
    template = "scheduling/book_patient.html" if request.user.is_patient else "scheduling/book_clinician.html"
    form = SlotForm(request.POST)
    if not form.is_valid():
        context["refusal"] = "Choose a time from the list."
        return render_slots(request, template, intake, context, status=400)
    try:
        consultation = book_consultation(
            intake=intake, choice=form.choice(), by=request.user, now=timezone.now()
        )
    except BookingRefused as refusal:
        context.update(refusal=refusal.reason, next_slots=shown_slots(refusal.next_slots))
        return render_slots(request, template, intake, context, status=409)
    messages.success(request, "The consultation is booked. A confirmation email is on its way.")
    return done(consultation)


def render_slots(
    request: HttpRequest, template: str, intake: Intake, context: dict, status: int = 200
) -> HttpResponse:
    if context["bookable"]:
        now = timezone.now()
        context.update(slot_context(request, intake, now=now, today=timezone.localdate(now)))
    return render(request, template, context, status=status)
