"""The patient's home: their intakes, what each status means, and the way in or back in."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from accounts.access import patient_required
from audit.services import recent_accesses
from patients.models import Intake
from patients.services import IntakeAlreadyOpen, start_or_resume_intake
from patients.views.flow import crisis_context, resume_url
from patients.views.status import contact_words, next_step_words, status_words
from patients.views.updates import clinic_updates
from screening.services import get_clinic_settings


@patient_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """List the patient's intakes with their status in words and what happens next, and who opened them."""
    intakes = list(Intake.objects.for_user(request.user).prefetch_related("messages"))
    clinic = get_clinic_settings()
    rows = [{"intake": i, "status": status_words(i), "next": next_step_words(i, clinic),
             "updates": clinic_updates(i)} for i in intakes]
    draft = next((i for i in intakes if i.is_editable), None)
    busy = any(i.is_editable or i.status in Intake.ACTIVE_STATUSES for i in intakes)
    sent = any(not i.is_editable for i in intakes)
    context = {"rows": rows, "can_start": not busy, "contact": contact_words(clinic) if sent else "",
               "record_access": recent_accesses(patient=request.user), "panels": panels(request),
               **crisis_context(draft)}
    return render(request, "patients/dashboard_patient.html", context)


def panels(request: HttpRequest) -> list[str]:
    """HTML panels that apps above this one add to the dashboard (settings.PATIENT_DASHBOARD_PANELS), so the
    dashboard shows a booked consultation without importing scheduling."""
    return [html for path in settings.PATIENT_DASHBOARD_PANELS if (html := import_string(path)(request))]


@patient_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start a draft, or resume the existing one, at its first unfinished step."""
    try:
        intake = start_or_resume_intake(patient=request.user)
    except IntakeAlreadyOpen:
        messages.info(request, "The clinic is still looking at the intake you sent. We will be in touch.")
        return redirect("patients:dashboard")
    return redirect(resume_url(intake))
