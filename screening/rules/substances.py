"""F. Substance use (rules.md)."""

from screening.rules.base import Domain, Rule, Severity
from screening.rules.predicates import any_of, equals, overlaps

DISSOCIATIVES = ("ketamine", "pcp")

SUBSTANCE_RULES: tuple[Rule, ...] = (
    Rule(
        code="SUD_ACTIVE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Esketamine is a Schedule III drug with abuse potential, and the label calls for careful "
            "consideration in anyone with substance use disorder, alcohol included."
        ),
        sources=("SPRAVATO-PI §5.3", "SPRAVATO-ISI", "SPRAVATO-2023", "KETALAR-PI", "APA-2017", "CLINICS"),
        basis="V",
        domain=Domain.SUBSTANCE_USE,
        predicate=equals("sud_status", "current"),
    ),
    Rule(
        code="SUD_HISTORY_REMISSION",
        severity=Severity.PRECAUTION,
        rationale="The label's caution covers a *history* of substance use disorder, not only active use.",
        sources=("SPRAVATO-ISI", "SPRAVATO-2023"),
        basis="V",
        domain=Domain.SUBSTANCE_USE,
        predicate=equals("sud_status", "past_in_remission"),
    ),
    Rule(
        code="SUD_KETAMINE_PCP_MISUSE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Past dissociative misuse raises relapse and diversion concerns, and chronic ketamine "
            "misuse is linked to cystitis."
        ),
        sources=("SPRAVATO-PI §5.3, §5.9", "KETALAR-PI"),
        basis="V",
        domain=Domain.SUBSTANCE_USE,
        predicate=any_of(
            equals("ketamine_or_pcp_nonmedical_ever", "yes"),
            overlaps("substances_past_12mo", DISSOCIATIVES),
            overlaps("substances_past_30d", DISSOCIATIVES),
        ),
    ),
    Rule(
        code="SUD_STIMULANT_ILLICIT_CURRENT",
        severity=Severity.PRECAUTION,
        rationale="Stimulants add to ketamine's rise in BP, and clinics exclude active cocaine use.",
        sources=("SPRAVATO-DDI (psychostimulants raise BP)", "CLINICS (Westport)"),
        basis="P",
        domain=Domain.SUBSTANCE_USE,
        predicate=overlaps("substances_past_30d", ("cocaine", "methamphetamine", "illicit_amphetamine")),
    ),
    Rule(
        code="SUD_ALCOHOL_CANNOT_ABSTAIN",
        severity=Severity.PRECAUTION,
        rationale=(
            "Alcohol adds to sedation; an NHS service requires 24 h abstinence, and ketamine labels "
            "urge caution in chronic alcohol use or intoxication."
        ),
        sources=("NHS-OXFORD", "SPRAVATO-DDI", "KETAMINE-MONO", "KETALAR-UK"),
        basis="V",
        domain=Domain.SUBSTANCE_USE,
        predicate=equals("alcohol_can_abstain_24h", "no"),
    ),
    Rule(
        code="SUD_CANNABIS_CURRENT",
        severity=Severity.PRECAUTION,
        rationale=(
            "UK ketamine services list current recreational drug use, including cannabis, as a reason "
            "not to treat without review."
        ),
        sources=("NHS-OXFORD", "CLINICS (saveminds)"),
        basis="P / D",
        domain=Domain.SUBSTANCE_USE,
        predicate=overlaps("substances_past_30d", ("cannabis",)),
    ),
)
