"""Deciding a case: clear it for consultation, decline it, or ask the patient for more information.

Each decision is checked, then shown back for confirmation (every typed value carried in the page), then
made. "Change" returns to the case page with the typing in place; a refusal re-renders it with reasons.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import clinician_required
from accounts.models import User
from audit.services import record_access
from patients.models import REVIEW_STEP, Intake
from patients.steps import Step, get_step, steps_for
from review import services
from review.forms import ClearForm, DeclineForm, RequestInfoForm, add_service_errors
from review.models import Decision, Route
from review.services.decisions import CLEARED_MESSAGE
from review.views.case import case_intake, case_url, render_case

CONFIRM, CHANGE = "confirm", "change"


@dataclass(frozen=True)
class DecisionKind:
    key: str  # the form's prefix and its key on the case page
    title: str
    button: str
    done: str
    make_form: Callable[[Intake, dict], Form]
    check: Callable[[Intake, dict], tuple[list[str], list[str]]]  # (problems for the top, for a field)
    rows: Callable[[dict], list[tuple[str, str]]]
    act: Callable[[Intake, User, dict], Decision]


def decide(request: HttpRequest, intake_id: int, kind: DecisionKind) -> HttpResponse:
    """Check the decision, ask to confirm it, make it; a refusal re-renders the case with the typing kept."""
    intake = case_intake(request.user, intake_id)
    form = kind.make_form(intake, request.POST)
    step = request.POST.get("step", "")
    if step == CHANGE or not form.is_valid() or not checked(form, intake, kind):
        return render_case(request, intake, bound={kind.key: form})
    if step != CONFIRM:
        return render_confirm(request, intake, kind, form)
    try:
        kind.act(intake, request.user, form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return render_case(request, intake, bound={kind.key: form})
    messages.success(request, kind.done)
    return redirect(case_url(intake, "decision"))


def checked(form: Form, intake: Intake, kind: DecisionKind) -> bool:
    """Add what the services would refuse to the form now, before the clinician confirms."""
    general, field_problems = kind.check(intake, form.cleaned_data)
    for problem in general:
        form.add_error(None, problem)
    for problem in field_problems:
        form.add_error(next(iter(form.fields)), problem)
    return not (general or field_problems)


def render_confirm(request: HttpRequest, intake: Intake, kind: DecisionKind, form: Form) -> HttpResponse:
    record_access(request=request, patient=intake.patient)
    carried = [(field.html_name, value) for field in form for value in request.POST.getlist(field.html_name)]
    return render(request, "review/case_confirm_clinician.html", {
        "intake": intake, "kind": kind, "rows": kind.rows(form.cleaned_data), "carried": carried,
        "name": " ".join(filter(None, (intake.answers.get("first_name"), intake.answers.get("last_name")))),
    })


def clear_check(intake: Intake, data: dict) -> tuple[list[str], list[str]]:
    return services.clearance_blockers(intake), services.route_problems(intake, data["routes"])


def clear_rows(data: dict) -> list[tuple[str, str]]:
    return [
        ("Treatment routes cleared", ", ".join(Route(route).label for route in data["routes"])),
        ("Conditions", data["conditions"] or "None"),
        ("Message to the patient", data["patient_message"] or CLEARED_MESSAGE),
    ]


def reopen_steps(intake: Intake) -> list[Step]:
    return [step for step in steps_for(intake.answers) if step.slug != REVIEW_STEP]


def waiting_check(intake: Intake, data: dict) -> tuple[list[str], list[str]]:
    if intake.status in Intake.QUEUE_STATUSES:
        return [], []
    status = intake.get_status_display().lower()
    return [f"The case is {status}: only a case waiting for review is decided."], []


def clear_form(intake: Intake, data: dict) -> Form:
    return ClearForm(data, prefix="clear")


def make_clear(intake: Intake, by: User, data: dict) -> Decision:
    return services.clear_case(intake=intake, by=by, routes=data["routes"], conditions=data["conditions"],
                               patient_message=data["patient_message"])


def decline_form(intake: Intake, data: dict) -> Form:
    return DeclineForm(data, prefix="decline")


def decline_rows(data: dict) -> list[tuple[str, str]]:
    return [("Message to the patient", data["patient_message"]), ("Internal reason", data["internal_reason"])]


def make_decline(intake: Intake, by: User, data: dict) -> Decision:
    return services.decline_case(intake=intake, by=by, patient_message=data["patient_message"],
                                 internal_reason=data["internal_reason"])


def request_info_form(intake: Intake, data: dict) -> Form:
    return RequestInfoForm(data, prefix="request_info", steps=reopen_steps(intake))


def request_info_rows(data: dict) -> list[tuple[str, str]]:
    steps = ", ".join(get_step(slug).title for slug in data["steps"])
    return [("Parts of the form reopened", steps), ("Message to the patient", data["message"])]


def make_request_info(intake: Intake, by: User, data: dict) -> Decision:
    return services.request_more_information(
        intake=intake, by=by, steps=data["steps"], message=data["message"]
    )


CLEAR = DecisionKind(
    key="clear", title="Clear for consultation", button="Confirm: clear for consultation",
    done="The case is cleared for consultation. The patient has been told.",
    make_form=clear_form, check=clear_check, rows=clear_rows, act=make_clear,
)
DECLINE = DecisionKind(
    key="decline", title="Decline", button="Confirm: decline the case",
    done="The case is declined. The patient has been told.",
    make_form=decline_form, check=waiting_check, rows=decline_rows, act=make_decline,
)
REQUEST_INFO = DecisionKind(
    key="request_info", title="Request more information", button="Confirm: ask the patient",
    done="The patient has been asked for more information; the steps you chose are open to them.",
    make_form=request_info_form, check=waiting_check, rows=request_info_rows, act=make_request_info,
)


@clinician_required
@require_POST
def clear(request: HttpRequest, intake_id: int) -> HttpResponse:
    return decide(request, intake_id, CLEAR)


@clinician_required
@require_POST
def decline(request: HttpRequest, intake_id: int) -> HttpResponse:
    return decide(request, intake_id, DECLINE)


@clinician_required
@require_POST
def request_info(request: HttpRequest, intake_id: int) -> HttpResponse:
    return decide(request, intake_id, REQUEST_INFO)
