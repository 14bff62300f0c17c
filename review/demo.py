"""Demo review queue: beside patients.demo's four sent intakes, a case in every other state of review."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from patients.demo import DEMO_PASSWORD, demo_patient, send_demo_intake
from patients.models import Intake
from patients.services import resubmit_intake
from review import services
from screening.models import ScreeningFlag

CLINICIAN, SECOND_CLINICIAN = "clinician@demo.clinic", "clinician2@demo.clinic"
BLOCKED = {"hx_aneurysm": "yes"}
UNSURE = {"hx_avm": "unsure"}
# (email, first name, last name, answers that differ from a clean intake, what the review does with it)
REVIEW_PATIENTS = [
    ("demo-claimed@demo.clinic", "Clara", "Claimed", UNSURE, "claimed"),
    ("demo-cosign@demo.clinic", "Cole", "Cosign", BLOCKED, "overridden, waiting for a co-signature"),
    ("demo-more-info@demo.clinic", "Morgan", "Moreinfo", {}, "more information requested"),
    ("demo-resubmitted@demo.clinic", "Reese", "Resent", {}, "sent again with a changed answer"),
    ("demo-cleared@demo.clinic", "Clay", "Cleared", {}, "cleared"),
    ("demo-declined@demo.clinic", "Dana", "Declined", BLOCKED, "declined"),
]
DECLINE_MESSAGE = (
    "Thank you for your answers. Ketamine treatment is not safe for you at this clinic. Please talk to your "
    "doctor about other options; we are happy to send them your answers."
)
OVERDUE = {"demo-review@demo.clinic": 6, "demo-claimed@demo.clinic": 3, "demo-blocked@demo.clinic": 1}


def load() -> list[str]:
    """Send and review the demo cases once (safe to run again); returns lines to print."""
    casey = User.objects.filter(email=CLINICIAN).first()
    corey = User.objects.filter(email=SECOND_CLINICIAN).first()
    if casey is None or corey is None:
        return []
    lines = []
    for email, first_name, last_name, answers, state in REVIEW_PATIENTS:
        patient = demo_patient(email, first_name, last_name)
        if not patient.intakes.exists():
            review(send_demo_intake(patient, answers), state, casey=casey, corey=corey)
        lines.append(f"Patient    {email}  /  {DEMO_PASSWORD}  (intake {state})")
    backdate()
    return lines


def review(intake: Intake, state: str, *, casey: User, corey: User) -> None:
    """Take the freshly sent intake through the clinician's steps that leave it in `state`."""
    if state == "claimed":
        services.claim_case(intake=intake, by=corey)
    elif state.startswith("overridden"):
        services.override_flag(
            flag=current_flag(intake, "CARDIO_ANEURYSM_AVM"),
            by=casey,
            reason="specialist_clearance",
            note="Neurosurgery letter: aneurysm clipped in 2019.",
        )
    elif state == "more information requested":
        ask_for_blood_pressure(intake, casey)
    elif state.startswith("sent again"):
        ask_for_blood_pressure(intake, casey)
        send_new_reading(intake)
    elif state == "cleared":
        services.clear_case(
            intake=intake,
            by=casey,
            routes=["iv_infusion", "esketamine_nasal_spray"],
            conditions="Blood pressure re-check before the first dose.",
        )
    elif state == "declined":
        services.decline_case(
            intake=intake,
            by=casey,
            internal_reason="Unrepaired aneurysm reported; no specialist clearance.",
            patient_message=DECLINE_MESSAGE,
        )


def ask_for_blood_pressure(intake: Intake, clinician: User) -> None:
    services.request_more_information(
        intake=intake,
        by=clinician,
        steps=["heart"],
        message="Please give a blood pressure reading taken in the last month, with the date it was taken.",
    )


def send_new_reading(intake: Intake) -> None:
    """The patient changes the reopened step (a higher reading) and sends the intake again."""
    intake.refresh_from_db()
    intake.answers = {**intake.answers, "bp_systolic": 150, "bp_diastolic": 92}
    intake.completed_steps = [*intake.completed_steps, "heart"]
    intake.full_clean()
    intake.save()
    patient = intake.patient
    resubmit_intake(
        intake_id=intake.pk, patient=patient, signature=f"{patient.first_name} {patient.last_name}"
    )


def current_flag(intake: Intake, code: str) -> ScreeningFlag:
    return ScreeningFlag.objects.get(result__intake=intake, result__is_current=True, code=code)


def backdate() -> None:
    """Some demo cases were sent days ago, so the queue shows cases waiting past the clinic's target."""
    now = timezone.now()
    for email, days in OVERDUE.items():
        Intake.objects.filter(
            patient__email=email,
            status__in=Intake.QUEUE_STATUSES,
            submitted_at__gt=now - timedelta(days=days),
        ).update(submitted_at=now - timedelta(days=days))
