"""The vocabulary of the screening engine: severities, outcomes, rules, flags and results."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screening.rules.facts import Facts

RULESET_VERSION = "2026.2"

Evidence = dict[str, Any]
Predicate = Callable[["Facts"], Evidence | None]


class Severity(StrEnum):
    """How much a fired rule matters (rules.md, "Severities and the overall outcome")."""

    URGENT = "URGENT"
    EXCLUSION = "EXCLUSION"
    PRECAUTION = "PRECAUTION"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        """0 for the most severe; sorting by rank puts URGENT first."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = (Severity.URGENT, Severity.EXCLUSION, Severity.PRECAUTION, Severity.INFO)


class Outcome(StrEnum):
    """The overall screening outcome of one intake."""

    URGENT = "URGENT"
    BLOCKED = "BLOCKED"
    REVIEW = "REVIEW"
    ELIGIBLE = "ELIGIBLE"


OUTCOME_FOR_SEVERITY: Mapping[Severity, Outcome] = {
    Severity.URGENT: Outcome.URGENT,
    Severity.EXCLUSION: Outcome.BLOCKED,
    Severity.PRECAUTION: Outcome.REVIEW,
    Severity.INFO: Outcome.ELIGIBLE,
}


class Domain(StrEnum):
    """The section of rules.md a rule belongs to."""

    LABEL = "label_contraindications"
    CARDIOVASCULAR = "cardiovascular"
    NEURO_MEDICAL = "neurologic_ocular_medical"
    PSYCHIATRIC = "psychiatric"
    SUICIDALITY = "suicidality"
    SUBSTANCE_USE = "substance_use"
    REPRODUCTIVE = "reproductive"
    MEDICATIONS = "medications"
    LOGISTICS = "logistics_data_quality"


@dataclass(frozen=True, slots=True)
class Flag:
    """One fired rule on one intake, with the evidence that fired it."""

    code: str
    severity: Severity
    rationale: str
    sources: tuple[str, ...]
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        """The flag as in the JSON contract of shared/clinical/README.md."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "rationale": self.rationale,
            "sources": list(self.sources),
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """A catalogue entry: a stable code, its severity, why, where from, and when it fires."""

    code: str
    severity: Severity
    rationale: str
    sources: tuple[str, ...]
    basis: str
    domain: Domain
    predicate: Predicate

    def check(self, facts: Facts) -> Flag | None:
        """The flag this rule raises on these facts, or None."""
        evidence = self.predicate(facts)
        if evidence is None:
            return None
        return Flag(self.code, self.severity, self.rationale, self.sources, evidence)


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """What screening concluded about one intake document."""

    ruleset_version: str
    outcome: Outcome
    flags: tuple[Flag, ...]
    scores: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The result as in the JSON contract of shared/clinical/README.md."""
        return {
            "ruleset_version": self.ruleset_version,
            "outcome": str(self.outcome),
            "flags": [flag.to_dict() for flag in self.flags],
            "scores": {name: dict(summary) for name, summary in self.scores.items()},
        }

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the fired flags, most severe first."""
        return tuple(flag.code for flag in self.flags)


def outcome_for(flags: tuple[Flag, ...]) -> Outcome:
    """The outcome by precedence URGENT > BLOCKED > REVIEW > ELIGIBLE."""
    severities = {flag.severity for flag in flags}
    for severity in _SEVERITY_ORDER:
        if severity in severities:
            return OUTCOME_FOR_SEVERITY[severity]
    return Outcome.ELIGIBLE
