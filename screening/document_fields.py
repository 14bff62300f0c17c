"""The declared field table of the intake document (intake-fields.md), shared by forms and validator."""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a field's value is written in the intake document."""

    ENUM = "enum"
    ENUM_LIST = "list<enum>"
    DATE = "date"
    INT = "int"
    ITEM_SCORES = "int[]"
    MEDICATIONS = "list<object>"


@dataclass(frozen=True)
class FieldSpec:
    """One key of the intake document: its kind, allowed values or range, and whether null is allowed."""

    name: str
    kind: Kind
    choices: tuple[str, ...] = ()
    nullable: bool = False
    minimum: int | None = None
    maximum: int | None = None
    length: int | None = None  # exact list length for item scores
    not_after: str | None = None  # a date field this date may not be later than


YES_NO_UNSURE = ("yes", "no", "unsure")
YES_NO = ("yes", "no")
SUBSTANCES = (
    "alcohol", "cannabis", "cocaine", "methamphetamine", "illicit_amphetamine", "opioids_nonmedical",
    "sedatives_nonmedical", "ketamine", "pcp", "hallucinogens", "other",
)  # fmt: skip


def _enum(name: str, *choices: str, nullable: bool = False) -> FieldSpec:
    return FieldSpec(name, Kind.ENUM, choices=choices or YES_NO_UNSURE, nullable=nullable)


def _enum_list(name: str, *choices: str) -> FieldSpec:
    return FieldSpec(name, Kind.ENUM_LIST, choices=choices)


def _items(name: str, length: int) -> FieldSpec:
    # An unanswered questionnaire item is null (intake-fields.md).
    return FieldSpec(name, Kind.ITEM_SCORES, nullable=True, minimum=0, maximum=3, length=length)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("intake_date", Kind.DATE),
    FieldSpec("date_of_birth", Kind.DATE, not_after="intake_date"),
    _enum("sex_assigned_at_birth", "female", "male", "intersex", "prefer_not_to_say"),
    _enum("can_become_pregnant"),
    _enum_list("primary_indication", "depression", "anxiety", "ptsd", "chronic_pain", "other"),
    # A patient without a recent reading has no numbers, no date and no source for it.
    FieldSpec("bp_systolic", Kind.INT, nullable=True, minimum=60, maximum=300),
    FieldSpec("bp_diastolic", Kind.INT, nullable=True, minimum=30, maximum=200),
    FieldSpec("bp_measured_on", Kind.DATE, nullable=True, not_after="intake_date"),
    _enum("bp_source", "clinic", "pharmacy_kiosk", "home_cuff", "recalled", nullable=True),
    _enum("hx_aneurysm"),
    _enum("hx_avm"),
    _enum("hx_intracerebral_hemorrhage"),
    _enum("hx_ischemic_stroke_or_tia"),
    # Event dates may fall after intake_date: a month-only answer is stored as that month's last day.
    FieldSpec("stroke_tia_most_recent_date", Kind.DATE, nullable=True),
    _enum("hx_mi"),
    _enum("hx_unstable_angina"),
    _enum("hx_coronary_revascularization"),
    FieldSpec("acs_most_recent_date", Kind.DATE, nullable=True),
    _enum_list(
        "other_cv_conditions", "stable_cad_angina", "heart_failure", "arrhythmia", "valvular_disease",
        "cardiomyopathy", "peripheral_arterial_disease_non_aneurysmal", "unsure",
    ),  # fmt: skip
    _enum("hypertension_status", "none", "controlled", "uncontrolled", "unsure"),
    _enum("hx_hypertensive_encephalopathy"),
    _enum("hyperthyroidism_status", "none", "treated_controlled", "untreated_or_uncontrolled", "unsure"),
    _enum("raised_icp_mass_shunt_or_recent_tbi"),
    _enum("glaucoma_status", "none", "treated_open_angle", "untreated_or_angle_closure", "unsure"),
    _enum("eye_injury_or_planned_eye_surgery", *YES_NO),
    _enum("seizure_disorder"),
    _enum("dementia_or_cognitive_impairment"),
    _enum("liver_disease", "none", "mild_moderate", "severe_or_decompensated", "unsure"),
    _enum(
        "bladder_condition", "none", "interstitial_cystitis", "ulcerative_cystitis",
        "chronic_lower_urinary_symptoms",
    ),  # fmt: skip
    _enum_list(
        "respiratory_conditions", "osa_untreated", "osa_treated", "severe_copd", "home_oxygen",
        "other_chronic_respiratory_failure", "asthma",
    ),  # fmt: skip
    _enum("allergy_ketamine_esketamine"),
    _enum("prior_ketamine_adverse_reaction", *YES_NO),
    _enum("psychotic_symptoms_past_30d"),
    _enum_list(
        "psychotic_disorder_dx_lifetime", "schizophrenia", "schizoaffective", "delusional_disorder",
        "brief_psychotic_disorder", "psychotic_depression", "substance_induced_psychosis", "other_psychotic",
    ),  # fmt: skip
    _enum("psychotic_episode_ever"),
    _enum("family_hx_psychosis_first_degree"),
    _enum("bipolar_dx"),
    _enum("mania_hypomania_current"),
    _enum("mania_hypomania_ever"),
    _enum("ptsd_dx", *YES_NO),
    _enum("sud_status", "none", "past_in_remission", "current"),
    _enum_list("substances_past_12mo", *SUBSTANCES),
    _enum_list("substances_past_30d", *SUBSTANCES),
    _enum("ketamine_or_pcp_nonmedical_ever", *YES_NO),
    _enum("alcohol_can_abstain_24h", *YES_NO),
    FieldSpec("medications", Kind.MEDICATIONS),
    _items("phq9_items", 9),
    _enum("phq9_difficulty", "not_difficult", "somewhat", "very", "extremely"),
    _items("gad7_items", 7),
    # Null = not asked (an integration may send a partial screen); SI_SCREEN_INCOMPLETE covers it.
    _enum("cssrs_q1", *YES_NO, nullable=True),
    _enum("cssrs_q2", *YES_NO, nullable=True),
    # Follow-ups are null when they were not asked (q3-q5 only after q2 yes, the 3-month one after q6 yes).
    _enum("cssrs_q3", *YES_NO, nullable=True),
    _enum("cssrs_q4", *YES_NO, nullable=True),
    _enum("cssrs_q5", *YES_NO, nullable=True),
    _enum("cssrs_q6", *YES_NO, nullable=True),
    _enum("cssrs_q6_past_3_months", *YES_NO, nullable=True),
    _enum("pregnancy_status", "not_pregnant", "pregnant", "unsure", "not_applicable"),
    _enum("breastfeeding", "yes", "no", "not_applicable"),
    _enum("planning_pregnancy_12mo", "yes", "no", "unsure", "not_applicable"),
    _enum("has_escort_transport", *YES_NO),
)

FIELDS_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(FIELDS_BY_NAME)
ENUMS: dict[str, tuple[str, ...]] = {
    spec.name: spec.choices for spec in FIELDS if spec.kind in (Kind.ENUM, Kind.ENUM_LIST)
}
MEDICATION_KEYS: tuple[str, ...] = ("name", "dose", "frequency")
