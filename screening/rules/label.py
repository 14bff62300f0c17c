"""A. Label contraindications (rules.md)."""

from screening.rules.base import Domain, Rule, Severity
from screening.rules.predicates import any_equals, equals

# Questions whose "yes" is an EXCLUSION; "unsure" on any of them fires EXCLUSION_ITEM_UNSURE.
EXCLUSION_ITEMS = (
    "hx_aneurysm",
    "hx_avm",
    "hx_intracerebral_hemorrhage",
    "allergy_ketamine_esketamine",
    "hx_mi",
    "hx_unstable_angina",
    "hx_coronary_revascularization",
    "hx_ischemic_stroke_or_tia",
    "psychotic_symptoms_past_30d",
    "mania_hypomania_current",
)

LABEL_RULES: tuple[Rule, ...] = (
    Rule(
        code="CARDIO_ANEURYSM_AVM",
        severity=Severity.EXCLUSION,
        rationale=(
            "The transient BP surge after dosing could rupture an aneurysm or AVM, so the esketamine "
            "label lists both as contraindications."
        ),
        sources=(
            "SPRAVATO-PI §5.6 (refers to §4 Contraindications)",
            "SPRAVATO-ISI Contraindications",
            "SPRAVATO-2023",
            "KETALAR-PI (aneurysm as example)",
        ),
        basis="V",
        domain=Domain.LABEL,
        predicate=any_equals(("hx_aneurysm", "hx_avm"), "yes"),
    ),
    Rule(
        code="NEURO_INTRACEREBRAL_HEMORRHAGE",
        severity=Severity.EXCLUSION,
        rationale=(
            "A past brain bleed is a label contraindication because rises in BP or intracranial "
            "pressure could provoke another."
        ),
        sources=("SPRAVATO-PI §5.6", "SPRAVATO-ISI", "SPRAVATO-MONO"),
        basis="V",
        domain=Domain.LABEL,
        predicate=equals("hx_intracerebral_hemorrhage", "yes"),
    ),
    Rule(
        code="ALLERGY_KETAMINE",
        severity=Severity.EXCLUSION,
        rationale=(
            "Known hypersensitivity to ketamine, esketamine or their excipients contraindicates "
            "both products."
        ),
        sources=("SPRAVATO-ISI & SPRAVATO-2023 (SPRAVATO §4)", "KETALAR-PI (Ketalar §4)"),
        basis="V",
        domain=Domain.LABEL,
        predicate=equals("allergy_ketamine_esketamine", "yes"),
    ),
    Rule(
        code="EXCLUSION_ITEM_UNSURE",
        severity=Severity.PRECAUTION,
        rationale=(
            "If the patient cannot rule out an exclusion, a clinician must settle it before "
            "anything is booked."
        ),
        sources=('SPRAVATO-MONO (Med Guide: "If you are not sure… talk to your healthcare provider")',),
        basis="V (label items) / D (extended to the cardiac, stroke and psychiatric items)",
        domain=Domain.LABEL,
        predicate=any_equals(EXCLUSION_ITEMS, "unsure"),
    ),
)
