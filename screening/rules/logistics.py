"""I. Logistics and data quality (rules.md)."""

from screening.rules.base import Domain, Evidence, Rule, Severity
from screening.rules.facts import Facts
from screening.rules.predicates import equals

BP_READING_FIELDS = ("bp_systolic", "bp_diastolic", "bp_measured_on")
BP_STALE_AFTER_DAYS = 90


def bp_missing_or_stale(facts: Facts) -> Evidence | None:
    """Part of the reading is missing, or it was taken more than 90 days before intake."""
    document = facts.document
    days_ago = facts.days_ago["bp_measured_on"]
    if None not in [document[field] for field in BP_READING_FIELDS] and days_ago <= BP_STALE_AFTER_DAYS:
        return None
    return {field: document[field] for field in BP_READING_FIELDS} | {"days_since_reading": days_ago}


def scales_incomplete(facts: Facts) -> Evidence | None:
    """An unanswered PHQ-9/GAD-7 item, or a missing C-SSRS answer SI_SCREEN_INCOMPLETE does not cover."""
    document = facts.document
    gaps = [field for field in ("phq9_items", "gad7_items") if None in document[field]]
    missing = facts.cssrs.missing if facts.cssrs.incomplete is None else ()
    if not gaps and not missing:
        return None
    return {field: list(document[field]) for field in gaps} | dict.fromkeys(missing)


LOGISTICS_RULES: tuple[Rule, ...] = (
    Rule(
        code="LOGISTICS_NO_TRANSPORT",
        severity=Severity.INFO,
        rationale=(
            "Patients may not drive until the next day after restful sleep and must arrange a ride home."
        ),
        sources=("SPRAVATO-PI §5.8, §17", "SPRAVATO-2023", "SPRAVATO-MONO"),
        basis="V",
        domain=Domain.LOGISTICS,
        predicate=equals("has_escort_transport", "no"),
    ),
    Rule(
        code="VITALS_BP_MISSING_OR_STALE",
        severity=Severity.INFO,
        rationale="BP must be measured before every dose, so the consult needs a current reading.",
        sources=("SPRAVATO-PI §5.6", "SPRAVATO-MONO"),
        basis="V / D (90 d)",
        domain=Domain.LOGISTICS,
        predicate=bp_missing_or_stale,
    ),
    Rule(
        code="DATA_INCOMPLETE_SCALES",
        severity=Severity.INFO,
        rationale=(
            "A total cannot be computed from missing items, so the scale must be completed or "
            "re-administered (no prorating)."
        ),
        sources=("PHQ-9", "GAD-7"),
        basis="D",
        domain=Domain.LOGISTICS,
        predicate=scales_incomplete,
    ),
)
