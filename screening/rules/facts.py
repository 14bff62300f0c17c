"""The facts the rules read, derived once per document (dates, age, scales, medication matches)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from screening.rules.scales import CssrsScreen, screen_cssrs

# Event and reading dates the rules measure back from intake_date.
DATED_FIELDS = ("acs_most_recent_date", "stroke_tia_most_recent_date", "bp_measured_on")


class MatchLike(Protocol):
    """What the rules need from screening.medications.MedicationMatch."""

    keys: tuple[str, ...]
    classes: frozenset[str]
    fuzzy: tuple[tuple[str, str], ...]
    recognized: bool
    leftovers: tuple[str, ...]


class MatcherLike(Protocol):
    """What the rules need from screening.medications.MedicationMatcher."""

    def match(self, text: str) -> MatchLike: ...


@dataclass(frozen=True, slots=True)
class Facts:
    """One validated intake document plus the values derived from it."""

    document: Mapping[str, Any]
    age_years: int | None
    days_ago: Mapping[str, int | None]
    phq9_item9: int | None
    cssrs: CssrsScreen
    medications: tuple[tuple[str, MatchLike], ...]
    medication_classes: frozenset[str]  # every class on the list, so a class rule can tell at once

    def __getitem__(self, field: str) -> Any:
        return self.document[field]


def build_facts(document: Mapping[str, Any], matcher: MatcherLike) -> Facts:
    """Derive the facts of a validated document, matching each medication name once."""
    intake_date = date.fromisoformat(document["intake_date"])
    phq9_item9 = document["phq9_items"][8]
    medications = tuple([(entry["name"], matcher.match(entry["name"])) for entry in document["medications"]])
    return Facts(
        document=document,
        age_years=whole_years(document["date_of_birth"], intake_date),
        days_ago={field: days_between(document[field], intake_date) for field in DATED_FIELDS},
        phq9_item9=phq9_item9,
        cssrs=screen_cssrs(document, phq9_item9),
        medications=medications,
        medication_classes=frozenset().union(*[match.classes for _, match in medications]),
    )


def whole_years(birth: str | None, on: date) -> int | None:
    """Completed years of age on a date; someone born on 29 February turns a year older on 1 March."""
    if birth is None:
        return None
    born = date.fromisoformat(birth)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def days_between(event: str | None, intake_date: date) -> int | None:
    """intake_date - event in days (negative for a future date), or None without a date."""
    if event is None:
        return None
    return (intake_date - date.fromisoformat(event)).days
