"""Decisions on a case: clear it for consultation (with routes), decline it, or ask the patient for more."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from patients.models import Intake, PatientMessage
from patients.services import post_patient_message, reopen_for_more_information
from review.config import get_review_settings
from review.models import Decision, Route
from review.services.access import require_clinician
from review.services.claims import drop_claim, hold_claim, lock_intake
from screening.models import CrisisAlert, ScreeningFlag, Severity

CLEARED_MESSAGE = (
    "A clinician has reviewed your answers. The clinic will contact you to book a consultation, where "
    "you can talk about treatment."
)
AT_HOME_NEEDS = (
    "At home can be cleared only when the patient has said both a ride home and a support person are "
    "available."
)


def clearance_blockers(intake: Intake) -> list[str]:
    """Why the case cannot be cleared yet, in plain words; empty when it can."""
    if intake.status not in Intake.QUEUE_STATUSES:
        return [not_waiting(intake)]
    if not intake.screening_results.filter(is_current=True).exists():
        return ["The intake has not been screened."]
    alerts = CrisisAlert.objects.filter(intake=intake).prefetch_related("dispositions")
    flags = ScreeningFlag.objects.filter(result__intake=intake, result__is_current=True)
    cosign = get_review_settings().cosignature_required
    return [*alert_blockers(list(alerts)), *flag_blockers(list(flags), cosignature_required=cosign)]


def not_waiting(intake: Intake) -> str:
    return f"The case is {intake.get_status_display().lower()}: only a case waiting for review is cleared."


def alert_blockers(alerts: list[CrisisAlert]) -> list[str]:
    """Alerts without a final outcome ("could not reach" alone is not one); dispositions prefetched."""
    blockers = []
    for alert in alerts:
        outcomes = list(alert.dispositions.all())
        if any(outcome.is_final for outcome in outcomes):
            continue
        raised = timezone.localtime(alert.raised_at)
        what = "the patient has not been reached yet" if outcomes else "no outcome has been recorded"
        blockers.append(f"The urgent alert of {raised:%B} {raised.day}, {raised:%H:%M}: {what}.")
    return blockers


def flag_blockers(flags: list[ScreeningFlag], *, cosignature_required: bool) -> list[str]:
    """Open exclusions and precautions, and overrides still waiting for a co-signature."""
    blockers = []
    for flag in flags:
        if flag.severity == Severity.EXCLUSION and flag.is_open:
            blockers.append(f"{flag.code}: the exclusion has not been overridden.")
        elif flag.severity == Severity.EXCLUSION and cosignature_required and flag.cosigned_by_id is None:
            blockers.append(f"{flag.code}: the override needs a second clinician's co-signature.")
        elif flag.severity == Severity.PRECAUTION and flag.is_open:
            blockers.append(f"{flag.code}: the precaution has not been acknowledged.")
    return blockers


def at_home_possible(intake: Intake) -> bool:
    """Whether the patient said a ride home and a support person are available (at home needs both)."""
    answers = intake.answers
    return answers.get("has_escort_transport") == "yes" and answers.get("has_support_person") == "yes"


def route_problems(intake: Intake, routes: list[str]) -> list[str]:
    """What is wrong with the routes chosen for a clearance; empty when they can be cleared."""
    if not routes:
        return ["Choose at least one treatment route."]
    if set(routes) - set(Route.values):
        return ["Choose treatment routes from the list."]
    if Route.AT_HOME in routes and not at_home_possible(intake):
        return [AT_HOME_NEEDS]
    return []


def clear_case(
    *, intake: Intake, by: User, routes: list[str], conditions: str = "", patient_message: str = ""
) -> Decision:
    """Clear the case for consultation on these routes; refused with every blocker that remains."""
    require_clinician(by)
    with transaction.atomic():
        locked = lock_intake(intake)
        problems = clearance_blockers(locked) + route_problems(locked, routes)
        if problems:
            raise ValidationError(problems)
        hold_claim(locked, by=by)
        locked.set_status(Intake.Status.CLEARED, by=by, note="Cleared for consultation")
        chosen = [route for route in Route.values if route in routes]
        body = patient_message.strip() or CLEARED_MESSAGE
        decision = save_decision(locked, kind=Decision.Kind.CLEAR, by=by, routes=chosen,
                                 conditions=conditions.strip(), patient_message=body)
        post_patient_message(intake=locked, kind=PatientMessage.Kind.DECISION, body=body, by=by)
        drop_claim(locked)
    return decision


def decline_case(*, intake: Intake, by: User, patient_message: str, internal_reason: str) -> Decision:
    """Decline the case: a message the patient reads and a reason only the clinic sees, both required."""
    require_clinician(by)
    errors = {}
    if not patient_message.strip():
        errors["patient_message"] = "Write the message the patient will read."
    if not internal_reason.strip():
        errors["internal_reason"] = "Write the reason for the clinic's record."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_intake(intake)
        hold_claim(locked, by=by)
        locked.set_status(Intake.Status.DECLINED, by=by, note="Declined")
        decision = save_decision(
            locked, kind=Decision.Kind.DECLINE, by=by, patient_message=patient_message.strip(),
            internal_reason=internal_reason.strip(),
        )
        post_patient_message(intake=locked, kind=PatientMessage.Kind.DECISION, body=patient_message, by=by)
        drop_claim(locked)
    return decision


def request_more_information(*, intake: Intake, by: User, steps: list[str], message: str) -> Decision:
    """Reopen these steps for the patient with a message and email them; the clinician keeps the claim."""
    require_clinician(by)
    with transaction.atomic():
        locked = lock_intake(intake)
        if locked.status not in Intake.QUEUE_STATUSES:
            raise ValidationError("More information can be asked for only while the case waits for review.")
        hold_claim(locked, by=by)
        reopened = reopen_for_more_information(intake=locked, steps=steps, message=message, by=by)
        return save_decision(reopened, kind=Decision.Kind.MORE_INFO, by=by, patient_message=message.strip(),
                             reopened_steps=reopened.reopened_steps)


def save_decision(intake: Intake, *, kind: str, by: User, **fields: object) -> Decision:
    decision = Decision(intake=intake, kind=kind, by=by, **fields)
    decision.full_clean()
    decision.save()
    return decision
