"""Staff pages of the screening module: crisis alerts first, then the rule catalogue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import clinician_required, staff_required
from patients.models import Intake
from screening.models import CrisisAlert
from screening.rules import RULESET_VERSION
from screening.services import acknowledge_alert, get_clinic_settings
from screening.services.catalogue import catalogue_rows

RECENT_ACKNOWLEDGED = 10


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    alerts = CrisisAlert.objects.select_related("acknowledged_by")
    return render(request, "screening/home_staff.html", {
        "open_alerts": alerts.filter(status=CrisisAlert.Status.OPEN).order_by("raised_at", "pk"),
        "acknowledged_alerts": alerts.filter(status=CrisisAlert.Status.ACKNOWLEDGED)
        .order_by("-acknowledged_at", "-pk")[:RECENT_ACKNOWLEDGED],
        "ack_minutes": get_clinic_settings().alert_ack_minutes,
    })


@staff_required
def catalogue(request: HttpRequest) -> HttpResponse:
    rows = catalogue_rows()
    return render(request, "screening/catalogue_staff.html", {
        "rows": rows,
        "sign_off_rows": [row for row in rows if row.needs_sign_off],
        "ruleset_version": RULESET_VERSION,
    })


@staff_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(CrisisAlert.objects.select_related("acknowledged_by"), pk=pk)
    # Admins run the escalation but see no health information: the intake is shown only through its scope.
    visible = Intake.objects.for_user(request.user).select_related("patient")
    intake = visible.filter(pk=alert.intake_id).first()
    return render(request, "screening/alert_detail_staff.html", {
        "alert": alert,
        "intake": intake,
        "urgent_flags": alert.result.flags.filter(severity="URGENT") if intake else [],
        "ack_minutes": get_clinic_settings().alert_ack_minutes,
    })


@clinician_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(CrisisAlert, pk=pk)
    try:
        acknowledge_alert(alert=alert, by=request.user)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, "Alert acknowledged. Contact the patient today.")
    return redirect("screening:alert-detail", pk=alert.pk)
