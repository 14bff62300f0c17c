"""Synthetic cases for trying the queue at scale: realistic intakes, screened in memory, stored in bulk.

`manage.py loaddemo --cases N` calls add_cases. Each case is a patient account (no usable password) with
a sent intake screened by the real engine and stored as the services would store it; a few are in review
under a clinician's claim. Nothing is emailed.
"""

import random
import secrets
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from patients.demo import demo_answers
from patients.document import NOT_APPLICABLE, build_document
from patients.models import Intake, IntakeStatusChange
from patients.steps import steps_for
from patients.steps.about import US_STATES
from patients.steps.choices import CHOICES
from review.models import Claim
from screening.medications import MedicationMatcher
from screening.models import OUTCOME_RANK, CrisisAlert, Outcome, Reason, ScreeningFlag, ScreeningResult
from screening.rules import ScreeningResult as Evaluation
from screening.services import screen_document
from screening.services.matching import versioned_matcher
from screening.services.results import json_safe

BATCH = 2000
IN_REVIEW_SHARE = 0.15
FIRST_NAMES = (
    "Alex",
    "Jordan",
    "Sam",
    "Taylor",
    "Morgan",
    "Casey",
    "Riley",
    "Jamie",
    "Avery",
    "Quinn",
    "Maria",
    "James",
    "Aisha",
    "Wei",
    "Noah",
    "Olivia",
    "Liam",
    "Emma",
    "Mateo",
    "Priya",
)
LAST_NAMES = (
    "Smith",
    "Johnson",
    "Garcia",
    "Nguyen",
    "Brown",
    "Davis",
    "Martinez",
    "Lee",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Lopez",
    "Hill",
    "Scott",
    "Green",
    "Adams",
    "Baker",
    "Patel",
    "Kim",
)
MEDICINES = (
    "sertraline 50 mg",
    "Lexapro",
    "bupropion XL 150",
    "lamotrigine",
    "Xanax 0.5mg prn",
    "lithium",
    "Adderall XR 20 mg",
    "gabapentin",
    "trazodone 50 mg qhs",
    "oxycodone 5/325",
    "zolpidem",
    "levothyroxine",
    "lisinopril 10mg",
    "metformin",
    "vitamin d",
    "fish oil",
    "zyrtec",
    "sertralin",
    "wellbutrin",
    "my blue pill",
    "clonazepam 1 mg",
    "quetiapine 25mg",
)
# Each answer differs from the clean demo answers this often (most intakes have none, some a few).
CHANGE_RATE = 0.025
SCALAR_FIELDS = tuple(
    name
    for name, value in demo_answers(date(2026, 1, 1)).items()
    if name in CHOICES and isinstance(value, str) and not name.startswith("cssrs_")
)
LIST_FIELDS = (
    "other_cv_conditions",
    "respiratory_conditions",
    "substances_past_12mo",
    "substances_past_30d",
    "psychotic_disorder_dx_lifetime",
)


def add_cases(*, count: int, seed: int = 0, now: datetime | None = None) -> int:
    """Store `count` synthetic sent and screened intakes, in batches; returns how many were stored."""
    now = now or timezone.now()
    rng = random.Random(seed)
    matcher, version = versioned_matcher()
    clinicians = list(User.objects.filter(role=Role.CLINICIAN, is_active=True).order_by("pk"))
    tag = secrets.token_hex(4)
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        cases = [synthetic_case(rng, now=now, matcher=matcher) for _ in range(size)]
        with transaction.atomic():
            store(cases, tag=f"{tag}-{start}", now=now, version=version, clinicians=clinicians, rng=rng)
    return count


def synthetic_case(rng: random.Random, *, now: datetime, matcher: MedicationMatcher) -> dict:
    """One varied intake: its answers, when it was sent, its document and the engine's verdict."""
    sent_at = now - timedelta(minutes=int(rng.expovariate(1 / (3 * 24 * 60))))
    sent_on = timezone.localdate(sent_at)
    answers = varied_answers(rng, sent_on)
    document = build_document(answers, sent_on)
    return {
        "answers": answers,
        "sent_at": sent_at,
        "document": document,
        "evaluation": screen_document(document, matcher=matcher),
    }


def varied_answers(rng: random.Random, today: date) -> dict:
    """The demo's clean answers with a realistic few changed: scales, C-SSRS, blood pressure, medicines."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    answers = demo_answers(
        today,
        first_name=first,
        last_name=last,
        state=rng.choice(US_STATES)[0],
        date_of_birth=(today - timedelta(days=rng.randint(18 * 366, 78 * 365))).isoformat(),
    )
    for name in SCALAR_FIELDS:
        if rng.random() < CHANGE_RATE:
            answers[name] = rng.choice([value for value, _ in CHOICES[name] if value != NOT_APPLICABLE])
    for name in LIST_FIELDS:
        if rng.random() < CHANGE_RATE * 2:
            answers[name] = [rng.choice(CHOICES[name])[0]]
    answers |= scales(rng) | cssrs(rng) | blood_pressure(rng, today) | dated_history(answers, rng, today)
    answers["medications"] = [medicine(rng) for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4)))]
    answers["has_support_person"] = rng.choice(("yes", "yes", "no", "unsure", None))
    return answers


def scales(rng: random.Random) -> dict:
    """PHQ-9 and GAD-7 items of one person, mostly moderate; thoughts of death (item 9) less often."""
    severity = rng.betavariate(2, 2.5)

    def item(weight: float = 1.0) -> int:
        return min(3, int(rng.random() * 4 * severity * weight))

    return {"phq9_items": [item() for _ in range(8)] + [item(0.45)], "gad7_items": [item() for _ in range(7)]}


def cssrs(rng: random.Random) -> dict:
    """C-SSRS answers that follow the skip logic: mostly no, some passive wishes, a few with intent."""
    q1 = rng.random() < 0.15
    q2 = q1 and rng.random() < 0.35
    q6 = rng.random() < 0.04
    later = (lambda: rng.choice(("yes", "no", "no", "no"))) if q2 else (lambda: None)
    return {
        "cssrs_q1": yes(q1),
        "cssrs_q2": yes(q2),
        "cssrs_q3": later(),
        "cssrs_q4": later(),
        "cssrs_q5": later(),
        "cssrs_q6": yes(q6),
        "cssrs_q6_past_3_months": rng.choice(("yes", "no", "no")) if q6 else None,
    }


def blood_pressure(rng: random.Random, today: date) -> dict:
    systolic = int(rng.gauss(124, 14))
    return {
        "bp_systolic": max(90, min(230, systolic)),
        "bp_diastolic": max(55, min(135, systolic * 2 // 3)),
        "bp_measured_on": (today - timedelta(days=rng.randint(0, 120))).isoformat(),
    }


def dated_history(answers: dict, rng: random.Random, today: date) -> dict:
    """Dates the heart questions ask for after a yes."""

    def when() -> str:
        return (today - timedelta(days=rng.randint(30, 3000))).isoformat()

    stroke = answers["hx_ischemic_stroke_or_tia"] == "yes"
    heart = "yes" in (
        answers["hx_mi"],
        answers["hx_unstable_angina"],
        answers["hx_coronary_revascularization"],
    )
    return {
        "stroke_tia_most_recent_date": when() if stroke else None,
        "acs_most_recent_date": when() if heart else None,
    }


def medicine(rng: random.Random) -> dict:
    return {
        "name": rng.choice(MEDICINES),
        "dose": None,
        "frequency": rng.choice((None, "daily", "as needed")),
    }


def yes(value: bool) -> str:
    return "yes" if value else "no"


def store(
    cases: list[dict], *, tag: str, now: datetime, version: str, clinicians: list[User], rng: random.Random
) -> None:
    """Bulk-create the patients, intakes, results, flags, alerts, claims and status changes of one batch."""
    patients = User.objects.bulk_create([patient(case, index, tag) for index, case in enumerate(cases)])
    intakes = Intake.objects.bulk_create(
        [intake(case, user) for case, user in zip(cases, patients, strict=True)]
    )
    results = ScreeningResult.objects.bulk_create(
        [result(case, row, version) for case, row in zip(cases, intakes, strict=True)]
    )
    ScreeningFlag.objects.bulk_create(list(flags(cases, results)))
    reviewing = [row for row in intakes if clinicians and rng.random() < IN_REVIEW_SHARE]
    IntakeStatusChange.objects.bulk_create(list(status_changes(intakes, reviewing)))
    Claim.objects.bulk_create([claim(row, rng.choice(clinicians), now, rng) for row in reviewing])
    Intake.objects.filter(pk__in=[row.pk for row in reviewing]).update(status=Intake.Status.IN_REVIEW)
    CrisisAlert.objects.bulk_create(list(alerts(intakes, results, clinicians)))
    User.groups.through.objects.bulk_create(list(patient_groups(patients)))


def patient(case: dict, index: int, tag: str) -> User:
    answers = case["answers"]
    user = User(
        email=f"synthetic-{tag}-{index}@example.test",
        role=Role.PATIENT,
        first_name=answers["first_name"],
        last_name=answers["last_name"],
        email_verified_at=case["sent_at"],
        date_joined=case["sent_at"],
    )
    user.set_unusable_password()
    return user


def intake(case: dict, user: User) -> Intake:
    evaluation: Evaluation = case["evaluation"]
    answers = case["answers"]
    return Intake(
        patient=user,
        status=Intake.Status.SUBMITTED,
        answers=answers,
        document=case["document"],
        completed_steps=[step.slug for step in steps_for(answers)],
        consent_signature=f"{answers['first_name']} {answers['last_name']}",
        consent_signed_at=case["sent_at"],
        created_at=case["sent_at"] - timedelta(minutes=25),
        submitted_at=case["sent_at"],
        current_outcome=str(evaluation.outcome),
        outcome_rank=OUTCOME_RANK[str(evaluation.outcome)],
    )


def result(case: dict, row: Intake, version: str) -> ScreeningResult:
    evaluation: Evaluation = case["evaluation"]
    return ScreeningResult(
        intake=row,
        ruleset_version=evaluation.ruleset_version,
        dictionary_version=version,
        outcome=str(evaluation.outcome),
        scores=json_safe(evaluation.scores),
        is_current=True,
        reason=Reason.SUBMITTED,
        created_at=case["sent_at"],
    )


def flags(cases: list[dict], results: list[ScreeningResult]) -> Iterator[ScreeningFlag]:
    for case, stored in zip(cases, results, strict=True):
        for fired in case["evaluation"].flags:
            yield ScreeningFlag(
                result=stored,
                code=fired.code,
                severity=str(fired.severity),
                rationale=fired.rationale,
                sources=list(fired.sources),
                evidence=json_safe(fired.evidence),
            )


def status_changes(intakes: list[Intake], reviewing: list[Intake]) -> Iterator[IntakeStatusChange]:
    for row in intakes:
        yield IntakeStatusChange(
            intake=row,
            from_status=Intake.Status.DRAFT,
            to_status=Intake.Status.SUBMITTED,
            by=row.patient,
            at=row.submitted_at,
        )
    for row in reviewing:
        yield IntakeStatusChange(
            intake=row,
            from_status=Intake.Status.SUBMITTED,
            to_status=Intake.Status.IN_REVIEW,
            note="Claimed for review",
            at=row.submitted_at + timedelta(hours=2),
        )


def claim(row: Intake, clinician: User, now: datetime, rng: random.Random) -> Claim:
    # Some claims are fresh, most have lapsed: a clinician looked and moved on.
    return Claim(intake=row, clinician=clinician, claimed_at=now - timedelta(minutes=rng.randint(1, 600)))


def alerts(
    intakes: list[Intake], results: list[ScreeningResult], clinicians: list[User]
) -> Iterator[CrisisAlert]:
    """An acknowledged alert for each urgent case (an open one would page on call for a synthetic case)."""
    if not clinicians:
        return
    for row, stored in zip(intakes, results, strict=True):
        if stored.outcome == Outcome.URGENT:
            yield CrisisAlert(
                intake=row,
                result=stored,
                raised_at=row.submitted_at,
                status=CrisisAlert.Status.ACKNOWLEDGED,
                acknowledged_by=clinicians[0],
                acknowledged_at=row.submitted_at + timedelta(minutes=9),
            )


def patient_groups(patients: list[User]) -> Iterator[object]:
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=Role.PATIENT).first()
    if group is not None:
        for user in patients:
            yield User.groups.through(user_id=user.pk, group_id=group.pk)
