"""E. Suicidality (rules.md): the C-SSRS strata of scales.md and PHQ-9 item 9, and the crisis check."""

from collections.abc import Mapping
from typing import Any

from screening.rules.base import Domain, Evidence, Rule, Severity
from screening.rules.facts import Facts
from screening.rules.scales import CSSRS_FIELDS, screen_cssrs


def cssrs_high(facts: Facts) -> Evidence | None:
    """Intent or plan in the past month, or behavior within 3 months."""
    return facts.cssrs.high


def cssrs_moderate(facts: Facts) -> Evidence | None:
    """Ideation with a method, or behavior more than 3 months ago, when not high risk."""
    return facts.cssrs.moderate


def cssrs_low(facts: Facts) -> Evidence | None:
    """A wish to be dead or non-specific thoughts only, on a complete screen."""
    return facts.cssrs.low


def cssrs_incomplete(facts: Facts) -> Evidence | None:
    """An unfinished screen where ideation is endorsed or not ruled out."""
    return facts.cssrs.incomplete


def phq9_item9_positive(facts: Facts) -> Evidence | None:
    """PHQ-9 item 9 answered 1 or more."""
    item9 = facts.phq9_item9
    return {"phq9_item9": item9} if item9 is not None and item9 >= 1 else None


def needs_crisis_help(answers: Mapping[str, Any]) -> bool:
    """True when an answer so far signals suicide risk: PHQ-9 item 9 above 0, or C-SSRS Q1 or Q2 "yes"."""
    if answers.get("cssrs_q1") == "yes" or answers.get("cssrs_q2") == "yes":
        return True
    items = answers.get("phq9_items")
    if not isinstance(items, list | tuple) or len(items) < 9:
        return False
    return _as_score(items[8]) > 0


def high_risk_answers(answers: Mapping[str, Any]) -> Evidence:
    """The answers so far that meet SI_CSSRS_HIGH's trigger, as its evidence; empty when none do."""
    # A draft may lack any question, so each missing one counts as not answered, as in a document.
    cssrs = {field: answers.get(field) for field in CSSRS_FIELDS}
    return screen_cssrs(cssrs, phq9_item9=None).high or {}


def high_suicide_risk(answers: Mapping[str, Any]) -> bool:
    """True when the answers so far show high suicide risk: SI_CSSRS_HIGH's trigger, read on a draft."""
    return bool(high_risk_answers(answers))


def _as_score(value: object) -> int:
    """A PHQ-9 answer as a number; drafts may hold it as text, and anything unreadable counts as 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return 0


SUICIDE_RULES: tuple[Rule, ...] = (
    Rule(
        code="SI_CSSRS_HIGH",
        severity=Severity.URGENT,
        rationale=(
            "Columbia and SAFE-T treat intent or plan in the past month, or suicidal behavior in the "
            "past 3 months, as high risk needing safety precautions until a mental-health "
            "professional evaluates; esketamine does not replace hospitalization."
        ),
        sources=("C-SSRS", "SPRAVATO-2023 (Limitations of Use)"),
        basis="V",
        domain=Domain.SUICIDALITY,
        predicate=cssrs_high,
    ),
    Rule(
        code="SI_CSSRS_MODERATE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Ideation with a method, or suicidal behavior more than 3 months ago, is moderate risk and "
            "needs clinician review and safety planning."
        ),
        sources=("C-SSRS (SAFE-T stratification)",),
        basis="V",
        domain=Domain.SUICIDALITY,
        predicate=cssrs_moderate,
    ),
    Rule(
        code="SI_CSSRS_LOW",
        severity=Severity.INFO,
        rationale=(
            "A wish to be dead or non-specific suicidal thoughts without method, intent, plan or "
            "behavior is low risk and should be addressed at the consult, with crisis resources shown."
        ),
        sources=("C-SSRS",),
        basis="V (stratum) / D (INFO)",
        domain=Domain.SUICIDALITY,
        predicate=cssrs_low,
    ),
    Rule(
        code="SI_PHQ9_ITEM9_POSITIVE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Any positive PHQ-9 item 9 needs a follow-up suicide risk assessment, because the item is "
            "fairly sensitive but far from specific."
        ),
        sources=("PHQ-9 (calcipedia; Uebelacker 2011)",),
        basis="P / D",
        domain=Domain.SUICIDALITY,
        predicate=phq9_item9_positive,
    ),
    Rule(
        code="SI_SCREEN_INCOMPLETE",
        severity=Severity.URGENT,
        rationale=(
            "When someone who endorses ideation has not finished the suicide screen, high risk cannot "
            "be ruled out."
        ),
        sources=("C-SSRS (skip logic: follow-ups are required once shown)",),
        basis="D",
        domain=Domain.SUICIDALITY,
        predicate=cssrs_incomplete,
    ),
)
