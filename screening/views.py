"""Staff pages of the screening module: crisis alerts first, then the rule catalogue."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from accounts.access import clinician_required, staff_required
from accounts.models import User
from audit.services import record_access
from outbox.services import undelivered_count
from patients.models import Intake
from screening.models import CrisisAlert
from screening.rules import RULES_BY_CODE, RULESET_VERSION, high_risk_answers
from screening.services import acknowledge_alert, get_clinic_settings
from screening.services.catalogue import catalogue_rows, counts_as_of

RECENT_ACKNOWLEDGED = 10
# The C-SSRS screener in plain words, as paraphrased in shared/clinical/scales.md.
CSSRS_QUESTIONS = (
    ("cssrs_q1", "1. Wished to be dead, or to go to sleep and not wake up (past month)"),
    ("cssrs_q2", "2. Any thoughts of killing themselves (past month)"),
    ("cssrs_q3", "3. Thought about how they might do it (past month)"),
    ("cssrs_q4", "4. Had these thoughts with some intention of acting on them (past month)"),
    ("cssrs_q5", "5. Worked out the details of how, and intend to carry it out (past month)"),
    ("cssrs_q6", "6. Ever done, started or prepared anything to end their life"),
    ("cssrs_q6_past_3_months", "6a. That was within the past 3 months"),
)
ANSWER_WORDS = {"yes": "Yes", "no": "No"}
BP_CRISIS = "CARDIO_BP_CRISIS_RANGE"
BP_SOURCES = {"clinic": "clinic", "pharmacy_kiosk": "pharmacy kiosk", "home_cuff": "home cuff",
              "recalled": "recalled from memory"}


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    alerts = CrisisAlert.objects.select_related("acknowledged_by")
    return render(request, "screening/home_staff.html", {
        "open_alerts": alerts.filter(status=CrisisAlert.Status.OPEN).order_by("raised_at", "pk"),
        "acknowledged_alerts": alerts.filter(status=CrisisAlert.Status.ACKNOWLEDGED)
        .order_by("-acknowledged_at", "-pk")[:RECENT_ACKNOWLEDGED],
        "ack_minutes": get_clinic_settings().alert_ack_minutes,
        # Alerts are emails: staff must know when some are not getting through.
        "undelivered": undelivered_count(now=timezone.now()),
    })


@staff_required
def catalogue(request: HttpRequest) -> HttpResponse:
    counts, counted_at = counts_as_of(now=timezone.now())
    rows = catalogue_rows(counts)
    return render(request, "screening/catalogue_staff.html", {
        "rows": rows,
        "counted_at": counted_at,
        "sign_off_rows": [row for row in rows if row.needs_sign_off],
        "ruleset_version": RULESET_VERSION,
    })


@staff_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(CrisisAlert.objects.select_related("acknowledged_by"), pk=pk)
    intake = alert_intake(alert=alert, user=request.user)
    if intake is not None:  # the page shows the patient's contact details and answers: log it
        record_access(request=request, patient=intake.patient)
    flags = list(alert.result.flags.filter(severity="URGENT")) if intake and alert.result else []
    codes = {reason["code"] for reason in alert.reasons} | {flag.code for flag in flags}
    return render(request, "screening/alert_detail_staff.html", {
        "alert": alert,
        "intake": intake,
        "draft_reasons": draft_reasons(alert) if intake else [],
        "urgent_flags": [flag_reason(flag, intake) for flag in flags],
        "cssrs_answers": cssrs_answers(intake.answers) if intake else [],
        "show_cssrs": any(code.startswith("SI_") for code in codes),
        "latest_reading": describe_reading(intake.answers) if intake and BP_CRISIS in codes else "",
        "ack_minutes": get_clinic_settings().alert_ack_minutes,
    })


def draft_reasons(alert: CrisisAlert) -> list[dict[str, Any]]:
    """The urgent answers saved in the unsent intake, in plain words, each with when it was saved."""
    return [
        {**reason_words(reason["code"], reason["evidence"]), "found_at": parse_datetime(reason["found_at"])}
        for reason in alert.reasons
    ]


def flag_reason(flag: Any, intake: Intake) -> dict[str, Any]:
    """An urgent flag of the screening in plain words; a reading gets its date and source too."""
    return reason_words(flag.code, {**(intake.document or {}), **flag.evidence})


def reason_words(code: str, evidence: Mapping[str, Any]) -> dict[str, Any]:
    """{code, rationale, detail}: what fired, why it matters and, for a reading, the reading itself."""
    rule = RULES_BY_CODE.get(code)
    detail = describe_reading(evidence) if code == BP_CRISIS else ""
    return {"code": code, "rationale": rule.rationale if rule else "", "detail": detail}


def describe_reading(values: Mapping[str, Any]) -> str:
    """"190/125 mmHg, taken Mon 14 Jun 2026, source: home cuff", or "No reading"."""
    systolic, diastolic = values.get("bp_systolic"), values.get("bp_diastolic")
    if systolic is None and diastolic is None:
        return "No reading"
    words = f"{systolic or '?'}/{diastolic or '?'} mmHg"
    if values.get("bp_measured_on"):
        taken = date.fromisoformat(values["bp_measured_on"])
        words += f", taken {taken:%a} {taken.day} {taken:%b %Y}"
    if values.get("bp_source"):
        words += f", source: {BP_SOURCES.get(values['bp_source'], values['bp_source'])}"
    return words


def alert_intake(*, alert: CrisisAlert, user: User) -> Intake | None:
    """The alert's intake if this user may see it; admins run the escalation but see no health information."""
    scope = Intake.objects.for_user(user)
    if user.is_clinician and alert.from_unsent_intake:
        # A crisis answer must reach a clinician before the patient sends the intake, so the draft that
        # raised this alert is shown here, and only here.
        scope = Intake.objects.all()
    return scope.select_related("patient").filter(pk=alert.intake_id).first()


def cssrs_answers(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each C-SSRS question in plain words with the answer given, marking those that show high risk."""
    high_risk = high_risk_answers(answers)
    return [
        {"question": question, "answer": ANSWER_WORDS.get(answers.get(field), "Not answered"),
         "high_risk": field in high_risk}
        for field, question in CSSRS_QUESTIONS
    ]


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
