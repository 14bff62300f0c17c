"""Pages about a sent intake: the confirmation after sending, and a read-only copy of the answers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import patient_required
from patients.views.flow import answer_groups, crisis_context, own_intake
from patients.views.status import contact_words, is_urgent, next_step_words, status_words
from screening.services import get_clinic_settings


@patient_required
def confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    """What happens next after sending; for an urgent intake, crisis help and a same-day call."""
    intake = own_intake(request, pk)
    if intake.takes_answers:
        return redirect("patients:review", pk=intake.pk)
    urgent = is_urgent(intake)
    clinic = get_clinic_settings()
    context = {
        "intake": intake, "urgent": urgent, "next": next_step_words(intake, clinic),
        "contact": contact_words(clinic), **crisis_context(intake, urgent=urgent),
    }
    return render(request, "patients/confirmation_patient.html", context)


@patient_required
def intake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A read-only copy of the answers the patient sent, with the intake's status in words."""
    intake = own_intake(request, pk)
    if intake.takes_answers:
        return redirect("patients:review", pk=intake.pk)
    clinic = get_clinic_settings()
    context = {
        "intake": intake,
        "status": status_words(intake),
        "next": next_step_words(intake, clinic),
        "contact": contact_words(clinic),
        "groups": answer_groups(intake, with_links=False),
    }
    return render(request, "patients/intake_detail_patient.html", context)

