"""The rule catalogue as clinicians and the medical director read it, with open-case counts."""

import re
from dataclasses import dataclass

from django.db.models import Count

from patients.models import Intake
from screening.models import ScreeningFlag
from screening.rules import CATALOGUE, Rule

DESIGN_CHOICE = re.compile(r"\bD\b")


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
    """Open intakes whose current result carries each code, in one aggregate query."""
    rows = (
        ScreeningFlag.objects.filter(result__is_current=True, result__intake__in=Intake.objects.open_cases())
        .values("code")
        .annotate(cases=Count("result__intake", distinct=True))
        .order_by()
    )
    return {row["code"]: row["cases"] for row in rows}


def catalogue_rows() -> list[CatalogueRow]:
    """Every rule of the catalogue, in catalogue order, with its open-case count."""
    counts = open_case_counts()
    return [CatalogueRow(rule=rule, open_cases=counts.get(rule.code, 0)) for rule in CATALOGUE]
