"""Demo intakes: a half-finished draft for patient@demo.clinic and one sent intake for each outcome."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from patients.models import Intake
from patients.services import clinic_today, start_or_resume_intake, submit_intake
from patients.steps import get_step, steps_for

DEMO_PASSWORD = "demo-clinic-2026"
DRAFT_PATIENT = "patient@demo.clinic"
DRAFT_DONE = ["about-you", "why-care", "questionnaires"]
URGENT = {"phq9_items": [2, 2, 2, 2, 2, 2, 2, 3, 2], "cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes",
          "cssrs_q4": "yes", "cssrs_q5": "no"}
MENTAL_HEALTH_NOES = (
    "psychotic_symptoms_past_30d", "psychotic_episode_ever", "family_hx_psychosis_first_degree", "bipolar_dx",
    "mania_hypomania_current", "mania_hypomania_ever", "ptsd_dx",
)
HEART_NOES = (
    "hx_aneurysm", "hx_avm", "hx_intracerebral_hemorrhage", "hx_ischemic_stroke_or_tia", "hx_mi",
    "hx_unstable_angina", "hx_coronary_revascularization", "hx_hypertensive_encephalopathy",
)
OTHER_CONDITION_NOES = (
    "raised_icp_mass_shunt_or_recent_tbi", "eye_injury_or_planned_eye_surgery", "seizure_disorder",
    "dementia_or_cognitive_impairment", "allergy_ketamine_esketamine", "prior_ketamine_adverse_reaction",
    "breastfeeding",
)
CONSENTS = (
    "consent_true_and_complete", "consent_clinician_review", "consent_not_monitored", "consent_store_answers",
)
# (email, first name, last name, answers that differ from a clean intake, the outcome they lead to)
OUTCOME_PATIENTS = [
    ("demo-urgent@demo.clinic", "Uma", "Urgent", URGENT, "URGENT"),
    ("demo-blocked@demo.clinic", "Blake", "Blocked", {"hx_aneurysm": "yes"}, "BLOCKED"),
    ("demo-review@demo.clinic", "Riley", "Review", {"hx_avm": "unsure"}, "REVIEW"),
    ("demo-eligible@demo.clinic", "Eli", "Eligible", {}, "ELIGIBLE"),
]


def demo_answers(today: date, **overrides: object) -> dict:
    """Answers to every step that screen ELIGIBLE on `today` (a recent clinic reading), with overrides."""
    answers = {
        "first_name": "Demo", "last_name": "Patient", "date_of_birth": "1985-03-02",
        "sex_assigned_at_birth": "female", "can_become_pregnant": "yes", "phone": "555 123 4567",
        "state": "NY",
        "emergency_contact_name": "Sam Patient", "emergency_contact_phone": "555 765 4321",
        "height_cm": 168, "weight_kg": 64.5,
        "primary_indication": ["depression"], "condition_duration": "2_to_5_years",
        "medicines_tried": "Sertraline for a year; it helped a little.", "therapy_tried": None,
        "other_treatments_tried": None,
        "phq9_items": [1, 1, 1, 1, 1, 1, 1, 1, 0], "phq9_difficulty": "somewhat", "gad7_items": [1] * 7,
        "cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q3": None, "cssrs_q4": None, "cssrs_q5": None,
        "cssrs_q6": "no", "cssrs_q6_past_3_months": None,
        **dict.fromkeys(MENTAL_HEALTH_NOES, "no"),
        "psychotic_disorder_dx_lifetime": [],
        "sud_status": "none", "substances_past_12mo": [], "substances_past_30d": [],
        "ketamine_or_pcp_nonmedical_ever": "no", "alcohol_can_abstain_24h": "yes",
        "has_bp_reading": "yes", "bp_systolic": 120, "bp_diastolic": 80,
        "bp_measured_on": (today - timedelta(days=10)).isoformat(), "bp_source": "clinic",
        **dict.fromkeys(HEART_NOES, "no"),
        "stroke_tia_most_recent_date": None, "acs_most_recent_date": None, "other_cv_conditions": [],
        "hypertension_status": "none", "hyperthyroidism_status": "none",
        **dict.fromkeys(OTHER_CONDITION_NOES, "no"),
        "glaucoma_status": "none", "liver_disease": "none", "bladder_condition": "none",
        "respiratory_conditions": [], "prior_ketamine_reaction_details": None,
        "pregnancy_status": "not_pregnant", "planning_pregnancy_12mo": "no",
        "medications": [{"name": "Sertraline", "dose": "50 mg", "frequency": "once a day"}],
        "treatment_routes": ["iv_infusion"], "has_escort_transport": "yes", "preferred_setting": "either",
        "preferred_location": None, "has_support_person": "yes",
        **dict.fromkeys(CONSENTS, True),
    }
    answers.update(overrides)
    return answers


def demo_patient(email: str, first_name: str, last_name: str) -> User:
    """The demo patient with this email, created with the demo password if missing."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, role=Role.PATIENT, first_name=first_name, last_name=last_name,
                    email_verified_at=timezone.now())
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def send_demo_intake(patient: User, overrides: dict) -> Intake:
    """Fill a draft for the patient with demo answers and send it through the real submission service."""
    intake = start_or_resume_intake(patient=patient)
    name = {"first_name": patient.first_name, "last_name": patient.last_name}
    intake.answers = demo_answers(clinic_today(), **name, **overrides)
    intake.completed_steps = [step.slug for step in steps_for(intake.answers)]
    intake.full_clean()
    intake.save()
    signature = f"{patient.first_name} {patient.last_name}"
    return submit_intake(intake_id=intake.pk, patient=patient, signature=signature)


def start_demo_draft(patient: User) -> Intake:
    """A draft with only the first few steps answered, to show resuming at the first unfinished step."""
    draft = start_or_resume_intake(patient=patient)
    answers = demo_answers(clinic_today(), first_name=patient.first_name, last_name=patient.last_name)
    names = {name for slug in DRAFT_DONE for name in get_step(slug).form_class.answer_names()}
    draft.answers = {name: value for name, value in answers.items() if name in names}
    draft.completed_steps = DRAFT_DONE
    draft.full_clean()
    draft.save()
    return draft


def load() -> list[str]:
    """Give the demo patients their intakes once (safe to run again); returns lines to print."""
    lines = []
    draft_patient = User.objects.filter(email=DRAFT_PATIENT).first()
    if draft_patient is not None and not draft_patient.intakes.exists():
        start_demo_draft(draft_patient)
    lines.append(f"Patient    {DRAFT_PATIENT}  has a draft intake with {len(DRAFT_DONE)} steps done")
    for email, first_name, last_name, overrides, outcome in OUTCOME_PATIENTS:
        patient = demo_patient(email, first_name, last_name)
        if not patient.intakes.exists():
            send_demo_intake(patient, overrides)
        lines.append(f"Patient    {email}  /  {DEMO_PASSWORD}  (sent intake screened {outcome})")
    return lines
