"""C. Neurologic, ocular and other medical (rules.md), including age."""

from collections.abc import Callable

from screening.rules.base import Domain, Evidence, Predicate, Rule, Severity
from screening.rules.facts import Facts
from screening.rules.predicates import YES_OR_UNSURE, any_of, equals, one_of, overlaps

RESPIRATORY_COMPROMISE = ("osa_untreated", "severe_copd", "home_oxygen", "other_chronic_respiratory_failure")


def age_where(test: Callable[[int], bool]) -> Predicate:
    """Fires when age_years (whole years at intake_date) passes the test."""

    def predicate(facts: Facts) -> Evidence | None:
        age = facts.age_years
        if age is None or not test(age):
            return None
        return {"date_of_birth": facts.document["date_of_birth"], "age_years": age}

    return predicate


NEURO_MEDICAL_RULES: tuple[Rule, ...] = (
    Rule(
        code="NEURO_RAISED_ICP_OR_BRAIN_INJURY",
        severity=Severity.PRECAUTION,
        rationale=(
            "Ketamine can raise CSF/intracranial pressure; trials excluded brain injury, shunts and "
            "raised-ICP states, and the labels advise special caution."
        ),
        sources=("SPRAVATO-MEDINFO", "SPRAVATO-MONO", "KETALAR-PI", "NHS-OXFORD"),
        basis="V",
        domain=Domain.NEURO_MEDICAL,
        predicate=one_of("raised_icp_mass_shunt_or_recent_tbi", YES_OR_UNSURE),
    ),
    Rule(
        code="EYE_GLAUCOMA_OR_IOP",
        severity=Severity.PRECAUTION,
        rationale=(
            "Ketamine can raise intraocular pressure; untreated glaucoma, penetrating eye injury and "
            "planned eye surgery were trial exclusions."
        ),
        sources=("SPRAVATO-MEDINFO", "KETALAR-PI (raised IOP)", "NHS-OXFORD"),
        basis="V",
        domain=Domain.NEURO_MEDICAL,
        predicate=any_of(
            one_of("glaucoma_status", ("untreated_or_angle_closure", "unsure")),
            equals("eye_injury_or_planned_eye_surgery", "yes"),
        ),
    ),
    Rule(
        code="EYE_GLAUCOMA_TREATED",
        severity=Severity.INFO,
        rationale=(
            "Treated glaucoma should be noted so IOP is considered and ophthalmology involved if needed."
        ),
        sources=("SPRAVATO-MEDINFO (only *untreated* glaucoma excluded)", "NHS-OXFORD"),
        basis="P / D",
        domain=Domain.NEURO_MEDICAL,
        predicate=equals("glaucoma_status", "treated_open_angle"),
    ),
    Rule(
        code="NEURO_SEIZURE_DISORDER",
        severity=Severity.PRECAUTION,
        rationale=(
            "Services exclude recent epilepsy, and ketamine can cause seizure-like movements and "
            "lower the seizure threshold alongside methylxanthines."
        ),
        sources=('NHS-OXFORD ("recent history of epilepsy")', "CLINICS", "KETALAR-PI", "KETAMINE-MONO"),
        basis="P",
        domain=Domain.NEURO_MEDICAL,
        predicate=one_of("seizure_disorder", YES_OR_UNSURE),
    ),
    Rule(
        code="NEURO_COGNITIVE_IMPAIRMENT",
        severity=Severity.PRECAUTION,
        rationale=(
            "Esketamine causes short-term cognitive impairment, and capacity to consent and post-dose "
            "safety need checking in people with dementia."
        ),
        sources=("SPRAVATO-PI §5.7", "TRIALS (dementia excluded)"),
        basis="P / D",
        domain=Domain.NEURO_MEDICAL,
        predicate=one_of("dementia_or_cognitive_impairment", YES_OR_UNSURE),
    ),
    Rule(
        code="HEPATIC_SEVERE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Esketamine is not recommended in severe (Child-Pugh C) hepatic impairment, and ketamine "
            "can cause drug-induced liver injury."
        ),
        sources=("SPRAVATO-MONO", "KETALAR-PI"),
        basis="V",
        domain=Domain.NEURO_MEDICAL,
        predicate=one_of("liver_disease", ("severe_or_decompensated", "unsure")),
    ),
    Rule(
        code="URO_CYSTITIS",
        severity=Severity.PRECAUTION,
        rationale=(
            "Ketamine-class drugs are linked to ulcerative/interstitial cystitis, so existing bladder "
            "disease needs a baseline and monitoring."
        ),
        sources=("SPRAVATO-PI §5.9", "KETALAR-PI"),
        basis="V",
        domain=Domain.NEURO_MEDICAL,
        predicate=one_of(
            "bladder_condition",
            ("interstitial_cystitis", "ulcerative_cystitis", "chronic_lower_urinary_symptoms"),
        ),
    ),
    Rule(
        code="RESP_COMPROMISE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Respiratory depression has been reported after esketamine (added to the US label in "
            "2023), and reduced respiratory reserve makes it more dangerous."
        ),
        sources=(
            "SPRAVATO-2023",
            "TRIALS (severe sleep apnea excluded)",
            "CLINICS (Reset: reduced lung function)",
        ),
        basis="P",
        domain=Domain.NEURO_MEDICAL,
        predicate=overlaps("respiratory_conditions", RESPIRATORY_COMPROMISE),
    ),
    Rule(
        code="AGE_UNDER_18",
        severity=Severity.EXCLUSION,
        rationale="Esketamine is not approved for pediatric patients and the clinic treats adults only.",
        sources=(
            "SPRAVATO-PI boxed warning & §5.5",
            "SPRAVATO-2023",
            "KETALAR-PI (pediatric neurotoxicity)",
        ),
        basis="V / D",
        domain=Domain.NEURO_MEDICAL,
        predicate=age_where(lambda age: age < 18),
    ),
    Rule(
        code="AGE_65_PLUS",
        severity=Severity.INFO,
        rationale=(
            "Older adults have different esketamine starting doses, and the trials used a higher "
            "pre-dose SBP cut-off (150)."
        ),
        sources=("SPRAVATO-MONO", "SPRAVATO-MEDINFO"),
        basis="V",
        domain=Domain.NEURO_MEDICAL,
        predicate=age_where(lambda age: age >= 65),
    ),
    Rule(
        code="PRIOR_KETAMINE_ADVERSE_REACTION",
        severity=Severity.INFO,
        rationale=(
            "A previous severe emergence or dissociative reaction should shape setting and dosing decisions."
        ),
        sources=("KETALAR-PI (emergence reactions)",),
        basis="P",
        domain=Domain.NEURO_MEDICAL,
        predicate=equals("prior_ketamine_adverse_reaction", "yes"),
    ),
)
