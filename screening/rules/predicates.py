"""Small predicate builders the rule declarations are made of; each returns evidence or None."""

from __future__ import annotations

from collections.abc import Iterable

from screening.rules.base import Evidence, Predicate
from screening.rules.facts import Facts

YES_OR_UNSURE = ("yes", "unsure")
RECENT_DAYS = 365  # "within 12 months" is intake_date - event_date <= 365 days


def equals(field: str, value: str) -> Predicate:
    """Fires when the field holds exactly this value."""

    def predicate(facts: Facts) -> Evidence | None:
        return {field: value} if facts.document[field] == value else None

    return predicate


def one_of(field: str, values: Iterable[str]) -> Predicate:
    """Fires when the field holds one of these values."""
    allowed = frozenset(values)

    def predicate(facts: Facts) -> Evidence | None:
        value = facts.document[field]
        return {field: value} if value in allowed else None

    return predicate


def any_equals(fields: tuple[str, ...], value: str) -> Predicate:
    """Fires when any of the fields holds this value; the evidence names each one that does."""

    def predicate(facts: Facts) -> Evidence | None:
        document = facts.document
        # Most documents answer none of them so: one pass without building anything, then the evidence.
        for field in fields:
            if document[field] == value:
                return {field: value for field in fields if document[field] == value}
        return None

    return predicate


def overlaps(field: str, values: Iterable[str]) -> Predicate:
    """Fires when the list field holds any of these values; the evidence lists the ones it holds."""
    wanted = frozenset(values)

    def predicate(facts: Facts) -> Evidence | None:
        values = facts.document[field]
        if wanted.isdisjoint(values):
            return None
        return {field: [value for value in values if value in wanted]}

    return predicate


def not_empty(field: str) -> Predicate:
    """Fires when the list field holds anything."""

    def predicate(facts: Facts) -> Evidence | None:
        values = facts.document[field]
        return {field: list(values)} if values else None

    return predicate


def any_of(*predicates: Predicate) -> Predicate:
    """Fires when any part fires; the evidence merges every part that fired."""

    def predicate(facts: Facts) -> Evidence | None:
        evidence: Evidence | None = None
        for part in predicates:
            found = part(facts)
            if found is not None:
                evidence = found if evidence is None else evidence | found
        return evidence or None

    return predicate


def unless(blocker: Predicate, rule: Predicate) -> Predicate:
    """Fires as `rule` does, except when `blocker` fires (a suppression written into a trigger)."""

    def predicate(facts: Facts) -> Evidence | None:
        return None if blocker(facts) is not None else rule(facts)

    return predicate


def is_recent(days_ago: int | None) -> bool:
    """Within 12 months; an event answered "yes" with no date counts as recent."""
    return days_ago is None or days_ago <= RECENT_DAYS


def dated_event(fields: tuple[str, ...], date_field: str, *, recent: bool) -> Predicate:
    """Fires on "yes" to any of the fields when the event is recent (or, with recent=False, older)."""

    def predicate(facts: Facts) -> Evidence | None:
        document = facts.document
        for field in fields:
            if document[field] == "yes":
                break
        else:
            return None
        if is_recent(facts.days_ago[date_field]) is not recent:
            return None
        evidence = {field: "yes" for field in fields if document[field] == "yes"}
        return evidence | {date_field: document[date_field]}

    return predicate
