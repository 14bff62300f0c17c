"""G. Reproductive (rules.md); the answers hold "not_applicable" when the questions were not asked."""

from screening.rules.base import Domain, Rule, Severity
from screening.rules.predicates import equals

PREGNANCY_SOURCES = (
    "SPRAVATO-PI §5.10, §17",
    "SPRAVATO-ISI (§8.1)",
    "SPRAVATO-DDI (medicinenet)",
    "KETALAR-PI",
    "NHS-OXFORD",
)

REPRO_RULES: tuple[Rule, ...] = (
    Rule(
        code="REPRO_PREGNANT",
        severity=Severity.EXCLUSION,
        rationale=(
            "NMDA-antagonist exposure can harm the developing fetal brain, so esketamine is not "
            "recommended in pregnancy and should be stopped if pregnancy occurs."
        ),
        sources=PREGNANCY_SOURCES,
        basis='V (facts) / D (severity: the label says "not recommended", not "contraindicated")',
        domain=Domain.REPRODUCTIVE,
        predicate=equals("pregnancy_status", "pregnant"),
    ),
    Rule(
        code="REPRO_PREGNANCY_UNSURE",
        severity=Severity.PRECAUTION,
        rationale="Pregnancy has to be ruled out, e.g. with a test, before any dose.",
        sources=("SPRAVATO-PI §5.10, §17", "KETALAR-PI", "NHS-OXFORD"),
        basis="D",
        domain=Domain.REPRODUCTIVE,
        predicate=equals("pregnancy_status", "unsure"),
    ),
    Rule(
        code="REPRO_BREASTFEEDING",
        severity=Severity.PRECAUTION,
        rationale=(
            "Esketamine passes into breast milk, juvenile animal studies suggest neurotoxicity, and the "
            "label advises against breastfeeding during treatment."
        ),
        sources=("SPRAVATO-PI §17", "SPRAVATO-ISI (§8.2)", "SPRAVATO-DDI (medicinenet)", "NHS-OXFORD"),
        basis="V",
        domain=Domain.REPRODUCTIVE,
        predicate=equals("breastfeeding", "yes"),
    ),
    Rule(
        code="REPRO_PREGNANCY_PLANNING",
        severity=Severity.INFO,
        rationale=(
            "The label advises people who can become pregnant to plan and prevent pregnancy during treatment."
        ),
        sources=("SPRAVATO-PI §5.10", "SPRAVATO-ISI"),
        basis="V",
        domain=Domain.REPRODUCTIVE,
        predicate=equals("planning_pregnancy_12mo", "yes"),
    ),
)
