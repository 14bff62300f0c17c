from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import patient_required


@patient_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "patients/dashboard_patient.html")
