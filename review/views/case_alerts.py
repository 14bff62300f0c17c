"""Recording what happened with an urgent case's crisis alert: the call's outcome, with a note."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from accounts.access import clinician_required
from review import services
from review.forms import AlertDispositionForm, add_service_errors
from review.views.case import case_intake, case_url, render_case
from screening.models import CrisisAlert


@clinician_required
@require_POST
def alert_disposition(request: HttpRequest, intake_id: int, alert_id: int) -> HttpResponse:
    intake = case_intake(request.user, intake_id)
    alert = get_object_or_404(CrisisAlert, pk=alert_id, intake=intake)
    key = f"alert-{alert.pk}"
    form = AlertDispositionForm(request.POST, prefix=key)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_alert_disposition(
                alert=alert, by=request.user, kind=data["kind"], note=data["note"], retry_at=data["retry_at"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The alert's outcome is recorded.")
            return redirect(case_url(intake, key))
    return render_case(request, intake, bound={key: form})
