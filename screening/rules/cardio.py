"""B. Blood pressure and cardiovascular (rules.md), including stroke/TIA and thyroid."""

from screening.rules.base import Domain, Evidence, Predicate, Rule, Severity
from screening.rules.facts import Facts
from screening.rules.predicates import YES_OR_UNSURE, any_of, dated_event, one_of, overlaps

ACS_FIELDS = ("hx_mi", "hx_unstable_angina", "hx_coronary_revascularization")
STROKE_FIELDS = ("hx_ischemic_stroke_or_tia",)
OTHER_CV_CONDITIONS = (
    "stable_cad_angina",
    "heart_failure",
    "arrhythmia",
    "valvular_disease",
    "cardiomyopathy",
    "peripheral_arterial_disease_non_aneurysmal",
    "unsure",
)
# CARDIO_BP_CRISIS_RANGE fires strictly above either number (ACC/AHA: above 180/120). The intake's warning
# beside the reading reads these, so the rule and the page can never disagree.
CRISIS_SYSTOLIC, CRISIS_DIASTOLIC = 180, 120


def bp_above(systolic: int, diastolic: int) -> Predicate:
    """Fires when the reading is strictly above either limit; the evidence is the whole reading."""

    def predicate(facts: Facts) -> Evidence | None:
        reading_systolic = facts.document["bp_systolic"]
        reading_diastolic = facts.document["bp_diastolic"]
        if (reading_systolic is not None and reading_systolic > systolic) or (
            reading_diastolic is not None and reading_diastolic > diastolic
        ):
            return {"bp_systolic": reading_systolic, "bp_diastolic": reading_diastolic}
        return None

    return predicate


CARDIO_RULES: tuple[Rule, ...] = (
    Rule(
        code="CARDIO_BP_ELEVATED",
        severity=Severity.PRECAUTION,
        rationale=(
            "The label's general guide is to weigh delaying treatment above 140/90, because "
            "esketamine raises BP for about 4 h (peak ~40 min)."
        ),
        sources=(
            "SPRAVATO-PI §5.6",
            "SPRAVATO-ISI",
            "SPRAVATO-MEDINFO (trials withheld the dose at SBP >140, or >150 if >65 y, or DBP >90)",
            "SPRAVATO-MONO",
        ),
        basis="V",
        domain=Domain.CARDIOVASCULAR,
        predicate=bp_above(140, 90),
    ),
    Rule(
        code="CARDIO_BP_SEVERELY_ELEVATED",
        severity=Severity.EXCLUSION,
        rationale=(
            "Resting BP above 180/100 means poorly controlled hypertension, which a ketamine label "
            "lists as a contraindication, so BP should be controlled before booking."
        ),
        sources=(
            'KETAMINE-CH (contraindication "über 180/100 mmHg in Ruhe")',
            "TRIALS (trial cut-off SBP >170 or DBP >100)",
        ),
        basis="P (non-US label) / D (severity)",
        domain=Domain.CARDIOVASCULAR,
        predicate=bp_above(180, 100),
    ),
    Rule(
        code="CARDIO_BP_CRISIS_RANGE",
        severity=Severity.URGENT,
        rationale=(
            "A reading in the hypertensive-urgency or emergency range needs same-day contact to "
            "check for symptoms, with referral to emergency care if they are present."
        ),
        sources=(
            "ACC-AHA-HTN (definition >180/120)",
            "SPRAVATO-PI §5.6 (send hypertensive-crisis or encephalopathy symptoms for emergency care)",
        ),
        basis="P / D",
        domain=Domain.CARDIOVASCULAR,
        predicate=bp_above(CRISIS_SYSTOLIC, CRISIS_DIASTOLIC),
    ),
    Rule(
        code="CARDIO_HTN_UNCONTROLLED_REPORTED",
        severity=Severity.PRECAUTION,
        rationale=(
            "Self-reported uncontrolled hypertension is a risk even when today's reading is "
            "missing or normal."
        ),
        sources=("SPRAVATO-PI §5.6", 'NHS-OXFORD ("severe high blood pressure")', "CLINICS", "TRIALS"),
        basis="P / D",
        domain=Domain.CARDIOVASCULAR,
        predicate=one_of("hypertension_status", ("uncontrolled", "unsure")),
    ),
    Rule(
        code="CARDIO_ACS_RECENT",
        severity=Severity.EXCLUSION,
        rationale=(
            "Ketamine increases heart rate and myocardial oxygen demand; esketamine trials excluded "
            "MI, unstable angina or revascularization within 12 months, and the UK ketamine label "
            "rules out severe coronary disease."
        ),
        sources=("SPRAVATO-MEDINFO", "KETALAR-UK", "SPRAVATO-PI §5.6"),
        basis="V (facts) / D (severity: the SPRAVATO label itself only requires benefit-risk assessment)",
        domain=Domain.CARDIOVASCULAR,
        predicate=dated_event(ACS_FIELDS, "acs_most_recent_date", recent=True),
    ),
    Rule(
        code="CARDIO_OTHER_CONDITION",
        severity=Severity.PRECAUTION,
        rationale=(
            "The label asks prescribers to weigh benefit against risk in other cardiovascular "
            "conditions before prescribing."
        ),
        sources=(
            "SPRAVATO-PI §5.6",
            "KETALAR-PI (monitor cardiac function in cardiac decompensation)",
            "CLINICS",
            "TRIALS",
        ),
        basis="V",
        domain=Domain.CARDIOVASCULAR,
        predicate=any_of(
            dated_event(ACS_FIELDS, "acs_most_recent_date", recent=False),
            overlaps("other_cv_conditions", OTHER_CV_CONDITIONS),
        ),
    ),
    Rule(
        code="CARDIO_HYPERTENSIVE_ENCEPHALOPATHY_HX",
        severity=Severity.PRECAUTION,
        rationale=(
            "Even small BP rises can bring on encephalopathy in these patients, so the label calls "
            "for more intensive monitoring."
        ),
        sources=("SPRAVATO-PI §5.6", "SPRAVATO-MEDINFO"),
        basis="V",
        domain=Domain.CARDIOVASCULAR,
        predicate=one_of("hx_hypertensive_encephalopathy", YES_OR_UNSURE),
    ),
    Rule(
        code="NEURO_ISCHEMIC_STROKE_TIA_RECENT",
        severity=Severity.EXCLUSION,
        rationale=(
            "Recent cerebrovascular events carry the highest risk from a drug-induced BP surge; "
            "stroke/TIA was a trial exclusion and CVA is a contraindication in the UK and Swiss "
            "ketamine labels."
        ),
        sources=(
            "SPRAVATO-MEDINFO",
            "KETALAR-UK",
            "KETAMINE-CH",
            "CLINICS (Westport: stroke within 6 months)",
        ),
        basis="V (facts) / D (12-month window, severity)",
        domain=Domain.CARDIOVASCULAR,
        predicate=dated_event(STROKE_FIELDS, "stroke_tia_most_recent_date", recent=True),
    ),
    Rule(
        code="NEURO_ISCHEMIC_STROKE_TIA_REMOTE",
        severity=Severity.PRECAUTION,
        rationale="Past ischemic stroke or TIA still needs cerebrovascular benefit-risk review.",
        sources=("SPRAVATO-PI §5.6", "SPRAVATO-MEDINFO", "KETALAR-UK", "KETAMINE-CH"),
        basis="V / D",
        domain=Domain.CARDIOVASCULAR,
        predicate=dated_event(STROKE_FIELDS, "stroke_tia_most_recent_date", recent=False),
    ),
    Rule(
        code="ENDO_HYPERTHYROID_UNCONTROLLED",
        severity=Severity.PRECAUTION,
        rationale=(
            "Thyrotoxicosis adds to ketamine's sympathomimetic rise in BP and heart rate, and "
            "untreated hyperthyroidism is a contraindication in the Swiss label."
        ),
        sources=("KETAMINE-CH", "KETALAR-PI (thyrotoxicosis example)", "CLINICS (Reset)"),
        basis="P",
        domain=Domain.CARDIOVASCULAR,
        predicate=one_of("hyperthyroidism_status", ("untreated_or_uncontrolled", "unsure")),
    ),
)
