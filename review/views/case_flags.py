"""Acting on one flag of a case: acknowledge a precaution or information, override an exclusion, co-sign."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from accounts.access import clinician_required
from patients.models import Intake
from review import services
from review.forms import AcknowledgeForm, CaseForm, OverrideForm, add_service_errors
from review.views.case import case_intake, case_url, render_case
from screening.models import ScreeningFlag


def case_flag(intake: Intake, flag_id: int) -> ScreeningFlag:
    """A flag of this case's screenings (an earlier one's too: the service refuses it in words)."""
    flags = ScreeningFlag.objects.select_related("result")
    return get_object_or_404(flags, pk=flag_id, result__intake=intake)


def act_on_flag(request: HttpRequest, intake_id: int, flag_id: int, form_class: type[Form],
                act: Callable[[ScreeningFlag, dict], object], done: str) -> HttpResponse:
    """Parse the flag's form, call the service; re-render the case with the typing kept when refused."""
    intake = case_intake(request.user, intake_id)
    flag = case_flag(intake, flag_id)
    form = form_class(request.POST, prefix=f"flag-{flag.pk}")
    if form.is_valid():
        try:
            act(flag, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done.format(code=flag.code))
            return redirect(case_url(intake, f"flag-{flag.pk}"))
    return render_case(request, intake, bound={f"flag-{flag.pk}": form})


@clinician_required
@require_POST
def acknowledge(request: HttpRequest, intake_id: int, flag_id: int) -> HttpResponse:
    def act(flag: ScreeningFlag, data: dict) -> object:
        return services.acknowledge_flag(flag=flag, by=request.user, note=data["note"])

    return act_on_flag(request, intake_id, flag_id, AcknowledgeForm, act, "{code} acknowledged.")


@clinician_required
@require_POST
def override(request: HttpRequest, intake_id: int, flag_id: int) -> HttpResponse:
    def act(flag: ScreeningFlag, data: dict) -> object:
        return services.override_flag(flag=flag, by=request.user, reason=data["reason"], note=data["note"])

    return act_on_flag(request, intake_id, flag_id, OverrideForm, act, "{code} overridden.")


@clinician_required
@require_POST
def cosign(request: HttpRequest, intake_id: int, flag_id: int) -> HttpResponse:
    def act(flag: ScreeningFlag, data: dict) -> object:
        return services.cosign_override(flag=flag, by=request.user)

    return act_on_flag(request, intake_id, flag_id, CaseForm, act, "Override of {code} co-signed.")
