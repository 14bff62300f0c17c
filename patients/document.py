"""Turning a patient's stored answers into the flat intake document that the screening rules read."""

from collections.abc import Mapping
from datetime import date

from patients.steps import clear_inapplicable

NOT_APPLICABLE = "not_applicable"
CSSRS_FOLLOWUPS = ("cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_past_3_months")
LIST_FIELDS = (
    "primary_indication", "other_cv_conditions", "respiratory_conditions", "psychotic_disorder_dx_lifetime",
    "substances_past_12mo", "substances_past_30d",
)
# Every other field of intake-fields.md, copied as answered (None when not asked or not answered).
COPIED_FIELDS = (
    "date_of_birth", "sex_assigned_at_birth", "can_become_pregnant",
    "bp_systolic", "bp_diastolic", "bp_measured_on", "bp_source",
    "hx_aneurysm", "hx_avm", "hx_intracerebral_hemorrhage", "hx_ischemic_stroke_or_tia",
    "stroke_tia_most_recent_date", "hx_mi", "hx_unstable_angina", "hx_coronary_revascularization",
    "acs_most_recent_date", "hypertension_status", "hx_hypertensive_encephalopathy", "hyperthyroidism_status",
    "raised_icp_mass_shunt_or_recent_tbi", "glaucoma_status", "eye_injury_or_planned_eye_surgery",
    "seizure_disorder", "dementia_or_cognitive_impairment", "liver_disease", "bladder_condition",
    "allergy_ketamine_esketamine", "prior_ketamine_adverse_reaction",
    "psychotic_symptoms_past_30d", "psychotic_episode_ever", "family_hx_psychosis_first_degree",
    "bipolar_dx", "mania_hypomania_current", "mania_hypomania_ever", "ptsd_dx",
    "sud_status", "ketamine_or_pcp_nonmedical_ever", "alcohol_can_abstain_24h",
    "phq9_difficulty", "cssrs_q1", "cssrs_q2", *CSSRS_FOLLOWUPS[:3], "cssrs_q6", CSSRS_FOLLOWUPS[3],
    "breastfeeding", "has_escort_transport",
)
PREGNANCY_FIELDS = ("pregnancy_status", "planning_pregnancy_12mo")


def build_document(answers: Mapping, intake_date: date) -> dict:
    """The intake document: every field of intake-fields.md and no other, from answers that still apply."""
    current = clear_inapplicable(answers)
    document: dict = {"intake_date": intake_date.isoformat()}
    document.update({name: current.get(name) for name in COPIED_FIELDS})
    document.update({name: list(current.get(name) or []) for name in LIST_FIELDS})
    document.update(scale_items(current))
    document.update(pregnancy_fields(current))
    document["medications"] = [medication(row) for row in current.get("medications") or []]
    return document


def scale_items(answers: Mapping) -> dict:
    """PHQ-9 and GAD-7 as fixed-length lists, with None for an unanswered item."""
    return {
        name: [*answers.get(name, []), *[None] * length][:length]
        for name, length in (("phq9_items", 9), ("gad7_items", 7))
    }


def pregnancy_fields(answers: Mapping) -> dict:
    """The pregnancy answers, or "not_applicable" for someone who cannot become pregnant."""
    if answers.get("can_become_pregnant") == "no":
        return dict.fromkeys(PREGNANCY_FIELDS, NOT_APPLICABLE)
    return {name: answers.get(name) for name in PREGNANCY_FIELDS}


def medication(row: Mapping) -> dict:
    """One medicine as the document has it: the typed name, and dose and frequency as text or None."""
    return {"name": row.get("name"), **{key: row.get(key) or None for key in ("dose", "frequency")}}
