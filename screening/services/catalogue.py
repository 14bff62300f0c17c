"""The rule catalogue as clinicians and the medical director read it, with open-case counts."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count

from patients.models import Intake
from screening.models import RuleCaseCount, ScreeningFlag
from screening.rules import CATALOGUE, Rule

DESIGN_CHOICE = re.compile(r"\bD\b")
# The beat task counts each minute; counts older than three of its runs are not shown (beat is down).
COUNTS_FRESH_FOR = timedelta(minutes=3)


@dataclass(frozen=True)
class CatalogueRow:
    """One rule with how many open cases currently carry it."""

    rule: Rule
    open_cases: int

    @property
    def needs_sign_off(self) -> bool:
        """Whether the rule's severity or threshold is a project default the medical director must confirm."""
        return bool(DESIGN_CHOICE.search(self.rule.basis))


def open_case_counts() -> dict[str, int]:
    """Open intakes whose current result carries each code, in one aggregate query over every such flag."""
    rows = (
        ScreeningFlag.objects.filter(result__is_current=True, result__intake__in=Intake.objects.open_cases())
        .values("code")
        .annotate(cases=Count("result__intake", distinct=True))
        .order_by()
    )
    return {row["code"]: row["cases"] for row in rows}


def count_open_cases(*, now: datetime) -> int:
    """Store every rule's open-case count as of `now` (the periodic task); returns how many codes."""
    counts = open_case_counts()
    codes = {rule.code for rule in CATALOGUE} | set(counts)
    # An upsert, so two overlapping runs never collide; codes gone from the ruleset are dropped.
    RuleCaseCount.objects.bulk_create(
        [RuleCaseCount(code=code, open_cases=counts.get(code, 0), counted_at=now) for code in sorted(codes)],
        update_conflicts=True, unique_fields=["code"], update_fields=["open_cases", "counted_at"],
    )
    RuleCaseCount.objects.exclude(code__in=codes).delete()
    return len(codes)


def counts_as_of(*, now: datetime) -> tuple[dict[str, int], datetime]:
    """The open-case counts and when they were counted: the task's if fresh, else counted now."""
    stored = list(RuleCaseCount.objects.values_list("code", "open_cases", "counted_at"))
    counted_at = min((row[2] for row in stored), default=None)
    if counted_at is None or now - counted_at > COUNTS_FRESH_FOR:
        return open_case_counts(), now
    return {code: cases for code, cases, _ in stored}, counted_at


def catalogue_rows(counts: dict[str, int] | None = None) -> list[CatalogueRow]:
    """Every rule of the catalogue in catalogue order, with its open-case count (counted now if not given)."""
    counts = open_case_counts() if counts is None else counts
    return [CatalogueRow(rule=rule, open_cases=counts.get(rule.code, 0)) for rule in CATALOGUE]
