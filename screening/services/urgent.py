"""URGENT rules read on an unsent intake: which its answers already make fire, by their own predicates."""

from collections.abc import Mapping
from typing import Any

from screening.medications import MedicationMatcher
from screening.rules import RULES_BY_CODE
from screening.rules.facts import build_facts
from screening.services.matching import get_matcher

Finding = dict[str, Any]

# README, "Urgent answers before submission": these act as soon as a saved page makes them fire. An
# unfinished suicide screen is normal in a draft, so SI_SCREEN_INCOMPLETE waits for submission.
DRAFT_URGENT_CODES = ("SI_CSSRS_HIGH", "CARDIO_BP_CRISIS_RANGE")
WAITS_FOR_SUBMISSION = ("SI_SCREEN_INCOMPLETE",)
# What a clinician needs beside a rule's evidence to act on it: when and how the reading was taken.
DETAILS = {"CARDIO_BP_CRISIS_RANGE": ("bp_measured_on", "bp_source")}


def urgent_findings(
    document: Mapping[str, Any], *, matcher: MedicationMatcher | None = None
) -> dict[str, Finding]:
    """Each draft-urgent rule that fires on this (maybe unfinished) document: code -> evidence and details."""
    facts = build_facts(document, matcher or get_matcher())
    findings = {}
    for code in DRAFT_URGENT_CODES:
        evidence = RULES_BY_CODE[code].predicate(facts)
        if evidence is not None:
            findings[code] = {**evidence, **{name: document[name] for name in DETAILS.get(code, ())}}
    return findings


def new_findings(before: Mapping[str, Finding], after: Mapping[str, Finding]) -> dict[str, Finding]:
    """The findings of `after` that `before` did not have, or had with other evidence (a new reading)."""
    return {code: finding for code, finding in after.items() if before.get(code) != finding}
