"""Cases for review tests: sent intakes screened by the real services, and the clinicians who review them."""

from datetime import UTC, datetime

from patients.models import Intake
from patients.services import submit_intake
from patients.steps import steps_for
from screening.models import ScreeningFlag
from screening.services import screen_intake
from tests.factories import IntakeFactory, UserFactory
from tests.patients.answers import complete_answers
from tests.screening.documents import make_document

# Monday June 15, 2026, noon in New York (the clinic's time zone), the day of tests/patients/answers.py.
NOW = datetime(2026, 6, 15, 16, 0, tzinfo=UTC)
URGENT = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
EXCLUSION = {"hx_aneurysm": "yes"}  # CARDIO_ANEURYSM_AVM
PRECAUTION = {"bp_systolic": 150}  # CARDIO_BP_ELEVATED
INFO = {"ptsd_dx": "yes"}  # PSYCH_PTSD_DISTRESS_PLAN


def screened_case(**document: object) -> Intake:
    """A sent intake whose document has these answers, screened and waiting for review."""
    intake = IntakeFactory(document=make_document(**document), answers=complete_answers(), submitted_at=NOW)
    screen_intake(intake=intake, reason="submitted")
    intake.refresh_from_db()
    return intake


def sent_intake(patient: object = None, **answers: object) -> Intake:
    """An intake the patient filled in and sent through the real submission service (at NOW)."""
    patient = patient or UserFactory()
    filled = complete_answers(**answers)
    draft = Intake.objects.create(
        patient=patient, answers=filled, completed_steps=[step.slug for step in steps_for(filled)]
    )
    return submit_intake(intake_id=draft.pk, patient=patient, signature="Alex Rivera")


def flag(intake: Intake, code: str) -> ScreeningFlag:
    """The intake's current flag with this code."""
    return ScreeningFlag.objects.get(result__intake=intake, result__is_current=True, code=code)


def clinician(**fields: object) -> object:
    return UserFactory(role="clinician", **fields)
