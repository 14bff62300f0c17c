"""Complete, valid intake answers for every step, and the POST data a browser would send for a step."""

import copy
from collections.abc import Mapping
from datetime import date

from django.forms import MultiWidget

from patients.steps import get_step
from patients.steps.medicines import MEDICATION_PREFIX

TODAY = date(2026, 6, 15)

COMPLETE: dict = {
    # about-you
    "first_name": "Alex",
    "last_name": "Rivera",
    "date_of_birth": "1985-03-02",
    "sex_assigned_at_birth": "female",
    "can_become_pregnant": "yes",
    "phone": "555 123 4567",
    "state": "NY",
    "emergency_contact_name": "Sam Rivera",
    "emergency_contact_phone": "555 765 4321",
    "height_cm": 168,
    "height_unit": "cm",
    "weight_kg": 64.5,
    "weight_unit": "kg",
    # why-care
    "primary_indication": ["depression"],
    "condition_duration": "2_to_5_years",
    "medicines_tried": "Sertraline for a year, it helped a little.",
    "therapy_tried": None,
    "other_treatments_tried": None,
    # questionnaires
    "phq9_items": [1, 1, 1, 1, 1, 1, 1, 1, 0],
    "phq9_difficulty": "somewhat",
    "gad7_items": [1, 1, 1, 1, 1, 1, 1],
    # suicide-screen
    "cssrs_q1": "no",
    "cssrs_q2": "no",
    "cssrs_q3": None,
    "cssrs_q4": None,
    "cssrs_q5": None,
    "cssrs_q6": "no",
    "cssrs_q6_past_3_months": None,
    # mental-health
    "psychotic_symptoms_past_30d": "no",
    "psychotic_disorder_dx_lifetime": [],
    "psychotic_episode_ever": "no",
    "family_hx_psychosis_first_degree": "no",
    "bipolar_dx": "no",
    "mania_hypomania_current": "no",
    "mania_hypomania_ever": "no",
    "ptsd_dx": "no",
    # alcohol-drugs
    "sud_status": "none",
    "substances_past_12mo": [],
    "substances_past_30d": [],
    "ketamine_or_pcp_nonmedical_ever": "no",
    "alcohol_can_abstain_24h": "yes",
    # heart
    "has_bp_reading": "yes",
    "bp_systolic": 120,
    "bp_diastolic": 80,
    "bp_measured_on": "2026-06-01",
    "bp_source": "clinic",
    "hx_aneurysm": "no",
    "hx_avm": "no",
    "hx_intracerebral_hemorrhage": "no",
    "hx_ischemic_stroke_or_tia": "no",
    "stroke_tia_most_recent_date": None,
    "hx_mi": "no",
    "hx_unstable_angina": "no",
    "hx_coronary_revascularization": "no",
    "acs_most_recent_date": None,
    "other_cv_conditions": [],
    "hypertension_status": "none",
    "hx_hypertensive_encephalopathy": "no",
    "hyperthyroidism_status": "none",
    # other-conditions
    "raised_icp_mass_shunt_or_recent_tbi": "no",
    "glaucoma_status": "none",
    "eye_injury_or_planned_eye_surgery": "no",
    "seizure_disorder": "no",
    "dementia_or_cognitive_impairment": "no",
    "liver_disease": "none",
    "bladder_condition": "none",
    "respiratory_conditions": [],
    "allergy_ketamine_esketamine": "no",
    "prior_ketamine_adverse_reaction": "no",
    "prior_ketamine_reaction_details": None,
    "breastfeeding": "no",
    # pregnancy
    "pregnancy_status": "not_pregnant",
    "planning_pregnancy_12mo": "no",
    # medicines
    "medications": [],
    # logistics
    "treatment_routes": ["iv_infusion", "esketamine_nasal_spray"],
    "has_escort_transport": "yes",
    "preferred_setting": "either",
    "preferred_location": None,
    "has_support_person": "yes",
    # review
    "consent_true_and_complete": True,
    "consent_clinician_review": True,
    "consent_not_monitored": True,
    "consent_store_answers": True,
    "consent_signature": "Alex Rivera",
}


def complete_answers(**overrides: object) -> dict:
    """Answers to every step (as Intake.answers stores them) that screen ELIGIBLE, with keys replaced."""
    answers = copy.deepcopy(COMPLETE)
    answers.update(overrides)
    return answers


def step_data(slug: str, answers: Mapping | None = None, **overrides: object) -> dict:
    """The POST data of step `slug` filled in from `answers` (complete ones by default), follow-ups shown."""
    answers = complete_answers() if answers is None else answers
    form = get_step(slug).form_class(answers=answers, today=TODAY)
    data = {name: value for name, value in form.initial.items() if value is not None and value is not False}
    for name, field in form.fields.items():
        if isinstance(field.widget, MultiWidget) and name in data:
            # A date in three boxes (month, day, year) is posted as three values.
            parts = field.widget.decompress(data.pop(name))
            names = [name + suffix for suffix in field.widget.widgets_names]
            data.update({key: str(part) for key, part in zip(names, parts, strict=True)})
    data.update({f"{followup}_shown": "1" for followup in form.visible_followups()})
    if slug == "medicines":
        data.update(medication_rows(answers.get("medications") or []))
    data.update(overrides)
    return data


def medication_rows(rows: list[Mapping]) -> dict:
    """Formset POST data for these medicine rows (plus one blank row, as the page shows it)."""
    data = {
        f"{MEDICATION_PREFIX}-TOTAL_FORMS": str(len(rows) + 1),
        f"{MEDICATION_PREFIX}-INITIAL_FORMS": str(len(rows)),
    }
    for index, row in enumerate(rows):
        for key in ("name", "dose", "frequency"):
            data[f"{MEDICATION_PREFIX}-{index}-{key}"] = row.get(key) or ""
    return data
