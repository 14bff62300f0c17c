"""Everything the case page shows about one intake, read in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch

from accounts.models import User
from patients.models import REVIEW_STEP, Intake
from patients.steps import STEPS, Step, steps_for
from review.config import get_review_settings
from review.models import AlertDisposition, Claim, FlagDisposition, Route
from review.selectors.history import HistoryEntry, case_history
from review.selectors.medicines import MedicineRow, medicine_rows
from review.selectors.waiting import clinic_date
from review.services.decisions import alert_blockers, at_home_possible, flag_blockers, not_waiting
from screening.models import CrisisAlert, ScreeningFlag, ScreeningResult

# Evidence keys the rules derive from an answer, and the answer they come from.
DERIVED_FROM = {"age_years": "date_of_birth", "days_since_reading": "bp_measured_on",
                "phq9_item9": "phq9_items", "matches": "medications", "words": "medications"}
EMERGENCY_CONTACT = ("emergency_contact_name", "emergency_contact_phone")
STEP_OF_ANSWER = {name: step for step in STEPS for name in step.form_class.answer_names()}


@dataclass(frozen=True)
class Summary:
    name: str
    email: str
    phone: str
    age: int | None
    state: str
    emergency_contact: str


@dataclass(frozen=True)
class Evidence:
    """One answer that made a flag fire, with the step where it sits in the answers."""

    field: str
    question: str
    value: object
    step_slug: str  # "" when it is not one answer (derived by the rules)


@dataclass(frozen=True)
class FlagView:
    flag: ScreeningFlag
    evidence: tuple[Evidence, ...]
    dispositions: tuple[FlagDisposition, ...]

    @property
    def is_new(self) -> bool:
        return self.flag.added_by_rescreen and self.flag.is_open


@dataclass(frozen=True)
class AnswerGroup:
    step: Step
    rows: list[tuple[str, str]]
    changed: tuple[str, ...]  # questions the patient changed in the last resubmission
    reopened: bool


@dataclass(frozen=True)
class AlertView:
    alert: CrisisAlert
    dispositions: tuple

    @property
    def is_settled(self) -> bool:
        return any(disposition.is_final for disposition in self.dispositions)


@dataclass(frozen=True)
class CaseDetail:
    intake: Intake
    summary: Summary
    result: ScreeningResult | None
    flags: list[FlagView]
    answers: list[AnswerGroup]
    medicines: list[MedicineRow]
    alerts: list[AlertView]
    history: list[HistoryEntry]
    claimed_by: User | None
    blockers: list[str]
    at_home_possible: bool
    cosignature_required: bool
    reopenable_steps: list[Step]
    routes: list[tuple[str, str]]


def case_detail(intake: Intake, *, now: datetime) -> CaseDetail:
    """The case page's content for `intake` (a sent one), in the same number of queries for any case."""
    intake = Intake.objects.select_related("patient").get(pk=intake.pk)
    review_settings = get_review_settings()
    results = list(intake.screening_results.order_by("created_at", "pk"))
    current = next((result for result in results if result.is_current), None)
    flags = current_flags(current)
    dispositions = list(FlagDisposition.objects.filter(intake=intake).select_related("by"))
    alerts = list(intake.crisis_alerts.select_related("acknowledged_by").prefetch_related(
        Prefetch("dispositions", queryset=AlertDisposition.objects.select_related("by"))))
    claim = Claim.objects.select_related("clinician").filter(intake=intake).first()
    cosign = review_settings.cosignature_required
    return CaseDetail(
        intake=intake, summary=summary(intake, today=clinic_date(now)), result=current,
        flags=[flag_view(flag, dispositions) for flag in flags],
        answers=answer_groups(intake), medicines=medicine_rows(intake.answers),
        alerts=[AlertView(alert, tuple(alert.dispositions.all())) for alert in alerts],
        history=case_history(intake, results=results, dispositions=dispositions, alerts=alerts),
        claimed_by=holder(claim, now=now, lapse=review_settings.claim_lapse),
        blockers=blockers(intake, current, flags, alerts, cosign=cosign),
        at_home_possible=at_home_possible(intake), cosignature_required=cosign,
        reopenable_steps=[step for step in steps_for(intake.answers) if step.slug != REVIEW_STEP],
        routes=list(Route.choices),
    )


def holder(claim: Claim | None, *, now: datetime, lapse: timedelta) -> User | None:
    """Who holds the case now (a lapsed claim holds nothing)."""
    return claim.clinician if claim is not None and claim.is_active(now=now, lapse=lapse) else None


def current_flags(current: ScreeningResult | None) -> list[ScreeningFlag]:
    if current is None:
        return []
    return list(current.flags.select_related("reviewed_by", "cosigned_by"))


def blockers(intake: Intake, current: ScreeningResult | None, flags: list[ScreeningFlag],
             alerts: list[CrisisAlert], *, cosign: bool) -> list[str]:
    """What clearance_blockers would say, from the rows already read."""
    if intake.status not in Intake.QUEUE_STATUSES:
        return [not_waiting(intake)]
    if current is None:
        return ["The intake has not been screened."]
    return [*alert_blockers(alerts), *flag_blockers(flags, cosignature_required=cosign)]


def summary(intake: Intake, *, today: date) -> Summary:
    answers = intake.answers
    name = " ".join(part for part in (answers.get("first_name"), answers.get("last_name")) if part)
    contact = " ".join(str(answers.get(key) or "") for key in EMERGENCY_CONTACT)
    return Summary(
        name=name or intake.patient.get_full_name(), email=intake.patient.email,
        phone=answers.get("phone") or "",
        age=age_on(answers.get("date_of_birth"), today), state=answers.get("state") or "",
        emergency_contact=contact.strip(),
    )


def age_on(date_of_birth: str | None, today: date) -> int | None:
    """Whole years from the date of birth to `today`, or None without a valid date."""
    try:
        born = date.fromisoformat(date_of_birth or "")
    except ValueError:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def flag_view(flag: ScreeningFlag, dispositions: list[FlagDisposition]) -> FlagView:
    """The flag with the answers behind it and every disposition ever recorded for its code."""
    evidence = tuple(evidence_row(field, value) for field, value in (flag.evidence or {}).items())
    history = tuple(disposition for disposition in dispositions if disposition.code == flag.code)
    return FlagView(flag=flag, evidence=evidence, dispositions=history)


def evidence_row(field: str, value: object) -> Evidence:
    answer = DERIVED_FROM.get(field, field)
    step = STEP_OF_ANSWER.get(answer)
    return Evidence(field=field, question=question_for(step, answer) or field.replace("_", " "), value=value,
                    step_slug=step.slug if step else "")


def question_for(step: Step | None, answer: str) -> str:
    if step is None or answer not in step.form_class.base_fields:
        return step.title if step else ""
    return str(step.form_class.base_fields[answer].label)


def answer_groups(intake: Intake) -> list[AnswerGroup]:
    """Every applicable step's answers in words, with what changed in the last resubmission."""
    changed = set(intake.changed_answers)
    return [
        AnswerGroup(
            step=step, rows=step.form_class.review_rows(intake.answers),
            changed=tuple(question_for(step, name) for name in step.form_class.answer_names()
                          if name in changed),
            reopened=step.slug in intake.reopened_steps,
        )
        for step in steps_for(intake.answers)
        if step.slug != REVIEW_STEP
    ]
