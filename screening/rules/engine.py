"""Screening one intake document: every rule checked once, flags most severe first, outcome by precedence."""

from collections.abc import Mapping
from typing import Any

from screening.rules.base import RULESET_VERSION, Flag, ScreeningResult, outcome_for
from screening.rules.catalogue import CATALOGUE
from screening.rules.facts import Facts, MatcherLike, build_facts
from screening.rules.scales import GAD7_BANDS, PHQ9_BANDS, summarise_scale

# Most severe first; within a severity, catalogue order. Sorted once so each evaluation only filters.
RULES_BY_SEVERITY = tuple(sorted(CATALOGUE, key=lambda rule: rule.severity.rank))
_CHECKS = tuple((rule.predicate, rule) for rule in RULES_BY_SEVERITY)


def evaluate(document: Mapping[str, Any], matcher: MatcherLike) -> ScreeningResult:
    """Screen a validated intake document; reports every fired rule, most severe first."""
    facts = build_facts(document, matcher)
    flags = check_rules(facts)
    return ScreeningResult(RULESET_VERSION, outcome_for(flags), flags, scores_for(facts))


def check_rules(facts: Facts) -> tuple[Flag, ...]:
    """The flags every rule raises on these facts, most severe first."""
    # Rule.check inlined: this loop runs 64 times per document and is most of the screening time.
    flags = []
    for predicate, rule in _CHECKS:
        evidence = predicate(facts)
        if evidence is not None:
            flags.append(Flag(rule.code, rule.severity, rule.rationale, rule.sources, evidence))
    return tuple(flags)


def scores_for(facts: Facts) -> dict[str, dict[str, Any]]:
    """The scale summaries: PHQ-9 and GAD-7 total and band, and the C-SSRS risk level."""
    return {
        "phq9": summarise_scale(facts["phq9_items"], PHQ9_BANDS),
        "gad7": summarise_scale(facts["gad7_items"], GAD7_BANDS),
        "cssrs": {"risk": str(facts.cssrs.risk)},
    }
