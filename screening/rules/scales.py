"""PHQ-9 and GAD-7 totals and bands, and the C-SSRS screener's risk level, as in scales.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from screening.rules.base import Evidence

# (highest total in the band, band name); the PHQ-9's "minimal / none" is reported as "minimal".
PHQ9_BANDS: tuple[tuple[int, str], ...] = (
    (4, "minimal"),
    (9, "mild"),
    (14, "moderate"),
    (19, "moderately_severe"),
    (27, "severe"),
)
GAD7_BANDS: tuple[tuple[int, str], ...] = ((4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe"))

CSSRS_ALWAYS_ASKED = ("cssrs_q1", "cssrs_q2", "cssrs_q6")
CSSRS_AFTER_Q2 = ("cssrs_q3", "cssrs_q4", "cssrs_q5")
CSSRS_FIELDS = ("cssrs_q1", "cssrs_q2", *CSSRS_AFTER_Q2, "cssrs_q6", "cssrs_q6_past_3_months")


class CssrsRisk(StrEnum):
    """The C-SSRS screener's triage level (scales.md §3)."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    NONE = "none"
    # 2026.2: unfinished where SI_SCREEN_INCOMPLETE fires; that rule is URGENT, so triage treats it as high.
    INCOMPLETE = "incomplete"


def scale_total(items: Sequence[int | None]) -> int | None:
    """The sum of the items, or None when any item is unanswered (no prorating)."""
    if None in items:
        return None
    return sum(items)


def band_for(total: int | None, bands: tuple[tuple[int, str], ...]) -> str | None:
    """The name of the band holding this total, or None without a total."""
    if total is None:
        return None
    for ceiling, name in bands:
        if total <= ceiling:
            return name
    raise ValueError(f"total {total} is above the scale's range")


def summarise_scale(items: Sequence[int | None], bands: tuple[tuple[int, str], ...]) -> dict[str, Any]:
    """{"total": ..., "band": ...}; both None when an item is missing."""
    total = scale_total(items)
    return {"total": total, "band": band_for(total, bands)}


@dataclass(frozen=True, slots=True)
class CssrsScreen:
    """The C-SSRS strata of one document; each stratum is its evidence, or None when it does not hold.

    `moderate` already excludes high risk and `low` already excludes an incomplete screen, as the
    triggers of SI_CSSRS_MODERATE and SI_CSSRS_LOW require.
    """

    high: Evidence | None
    moderate: Evidence | None
    low: Evidence | None
    incomplete: Evidence | None
    missing: tuple[str, ...]

    @property
    def risk(self) -> CssrsRisk:
        """The triage level; answers that show high risk win over missing ones, then an unfinished screen."""
        if self.high is not None:
            return CssrsRisk.HIGH
        if self.incomplete is not None:
            return CssrsRisk.INCOMPLETE
        if self.moderate is not None:
            return CssrsRisk.MODERATE
        if self.low is not None:
            return CssrsRisk.LOW
        return CssrsRisk.NONE


NO_RISK = CssrsScreen(high=None, moderate=None, low=None, incomplete=None, missing=())


def screen_cssrs(answers: Mapping[str, Any], phq9_item9: int | None) -> CssrsScreen:
    """Stratify the C-SSRS answers of a document (and PHQ-9 item 9 for completeness)."""
    # Most screens are all "no": nothing holds and nothing required is missing (and no clause below
    # can fire without a "yes" or an unanswered Q1, Q2 or Q6), so the strata need not be worked out.
    if "yes" not in [answers[field] for field in CSSRS_FIELDS] and not _nulls(answers, CSSRS_ALWAYS_ASKED):
        return NO_RISK
    high = _high(answers)
    incomplete = _incomplete(answers, phq9_item9)
    return CssrsScreen(
        high=high,
        moderate=None if high is not None else _moderate(answers),
        low=None if incomplete is not None else _low(answers),
        incomplete=incomplete,
        missing=required_unanswered(answers),
    )


def required_unanswered(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The C-SSRS questions the skip logic requires that have no answer."""
    required = list(CSSRS_ALWAYS_ASKED)
    if answers["cssrs_q2"] == "yes":
        required += CSSRS_AFTER_Q2
    if answers["cssrs_q6"] == "yes":
        required.append("cssrs_q6_past_3_months")
    return tuple(field for field in required if answers[field] is None)


def _yes(answers: Mapping[str, Any], fields: Sequence[str]) -> Evidence:
    return {field: "yes" for field in fields if answers[field] == "yes"}


def _behaviour(answers: Mapping[str, Any], within_3_months: str) -> Evidence:
    if answers["cssrs_q6"] == "yes" and answers["cssrs_q6_past_3_months"] == within_3_months:
        return {"cssrs_q6": "yes", "cssrs_q6_past_3_months": within_3_months}
    return {}


def _high(answers: Mapping[str, Any]) -> Evidence | None:
    evidence = _yes(answers, ("cssrs_q4", "cssrs_q5")) | _behaviour(answers, "yes")
    return evidence or None


def _moderate(answers: Mapping[str, Any]) -> Evidence | None:
    evidence = _yes(answers, ("cssrs_q3",)) | _behaviour(answers, "no")
    return evidence or None


def _low(answers: Mapping[str, Any]) -> Evidence | None:
    if _yes(answers, ("cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6")):
        return None
    return _yes(answers, ("cssrs_q1", "cssrs_q2")) or None


def _incomplete(answers: Mapping[str, Any], phq9_item9: int | None) -> Evidence | None:
    """SI_SCREEN_INCOMPLETE's three clauses, evidence = the answers that make each one hold."""
    evidence: Evidence = {}
    if answers["cssrs_q2"] == "yes" and _nulls(answers, CSSRS_AFTER_Q2):
        evidence |= {"cssrs_q2": "yes"} | _nulls(answers, CSSRS_AFTER_Q2)
    if answers["cssrs_q6"] == "yes" and answers["cssrs_q6_past_3_months"] is None:
        evidence |= {"cssrs_q6": "yes", "cssrs_q6_past_3_months": None}
    unasked = _nulls(answers, CSSRS_ALWAYS_ASKED)
    endorsed = _yes(answers, ("cssrs_q1", "cssrs_q2"))
    if unasked and (phq9_item9 is None or phq9_item9 >= 1 or endorsed):
        evidence |= unasked | endorsed | {"phq9_item9": phq9_item9}
    return evidence or None


def _nulls(answers: Mapping[str, Any], fields: Sequence[str]) -> Evidence:
    return {field: None for field in fields if answers[field] is None}
