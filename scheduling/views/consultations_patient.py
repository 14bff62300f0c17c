"""The patient's own consultation: on the dashboard, as a calendar file, cancelled or moved (to a cut-off)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.access import patient_required
from patients.models import Intake
from scheduling.ics import MIMETYPE, build_ics, ics_filename, when_words, where_words
from scheduling.models import Consultation, ConsultationEvent, SchedulingSettings
from scheduling.services.changes import (
    cancel_consultation,
    change_deadline,
    patient_may_change,
)
from scheduling.views.slot_lists import move_to_posted_slot, slot_context


def dashboard_panel(request: HttpRequest) -> SafeString:
    """The patient dashboard's consultation panel (settings.PATIENT_DASHBOARD_PANELS): the booked one, or a
    link to book when the clinic lets cleared patients book themselves."""
    consultation = booked_for(request.user)
    settings_row = SchedulingSettings.current()
    cleared = Intake.objects.for_user(request.user).filter(status=Intake.Status.CLEARED)
    can_book = consultation is None and settings_row.patient_self_booking and cleared.exists()
    if consultation is None and not can_book:
        return SafeString("")
    context = {"can_book": can_book, **(appointment(consultation) if consultation else {})}
    html = render_to_string("scheduling/consultation_panel_patient.html", context, request=request)
    return SafeString(html)


def booked_for(user: object) -> Consultation | None:
    return Consultation.objects.filter(patient=user, status=Consultation.Status.BOOKED).select_related(
        "provider", "location").first()


def appointment(consultation: Consultation) -> dict:
    """What the patient sees of a consultation: who (name, credential), when with its zone, where."""
    now = timezone.now()
    return {
        "consultation": consultation, "when": when_words(consultation), "where": where_words(consultation),
        "may_change": patient_may_change(consultation, now=now), "deadline": change_deadline(consultation),
        "cutoff_hours": SchedulingSettings.current().patient_change_cutoff_hours,
    }


def own_consultation(request: HttpRequest, pk: int) -> Consultation:
    """The signed-in patient's consultation, or 404 (another patient's is never found)."""
    return get_object_or_404(
        Consultation.objects.select_related("provider", "location", "patient", "intake"),
        pk=pk, patient=request.user,
    )


@patient_required
def calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The patient's own booked consultation as an .ics file."""
    consultation = own_consultation(request, pk)
    if consultation.status != Consultation.Status.BOOKED:
        return redirect("patients:dashboard")
    moves = consultation.events.filter(kind=ConsultationEvent.Kind.RESCHEDULED).count()
    ics = build_ics(consultation, sequence=moves)
    response = HttpResponse(ics, content_type=f"{MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(consultation)}"'
    return response


@patient_required
def cancel_own(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to confirm, then cancel the patient's own consultation (before the clinic's cut-off)."""
    consultation = own_consultation(request, pk)
    if request.method == "POST" and consultation.status == Consultation.Status.BOOKED:
        try:
            cancel_consultation(consultation=consultation, by=request.user, now=timezone.now())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your consultation is cancelled. We have sent you an email.")
        return redirect("patients:dashboard")
    return render(request, "scheduling/consultation_cancel_patient.html", appointment(consultation))


@patient_required
def move_own(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose another offered time for the patient's own consultation (before the clinic's cut-off)."""
    consultation = own_consultation(request, pk)
    if consultation.status != Consultation.Status.BOOKED:
        return redirect("patients:dashboard")
    context = appointment(consultation)
    if not context["may_change"]:
        return render(request, "scheduling/consultation_move_patient.html", context)
    status = 200
    if request.method == "POST":
        if (refused := move_to_posted_slot(request, consultation)) is None:
            messages.success(request, "Your consultation has moved. We have sent you an email.")
            return redirect("patients:dashboard")
        context.update(refused)
        status = 409
    now = timezone.now()
    context.update(slot_context(request, consultation.intake, now=now, today=timezone.localdate(now)))
    return render(request, "scheduling/consultation_move_patient.html", context, status=status)
