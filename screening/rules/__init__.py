"""The pure screening engine: intake document in, screening result out (rules.md, scales.md).

No ORM, no settings, no clock: today's date is the document's `intake_date`.
"""

from screening.rules.base import RULESET_VERSION, Domain, Flag, Outcome, Rule, ScreeningResult, Severity
from screening.rules.catalogue import CATALOGUE, RULES_BY_CODE
from screening.rules.engine import evaluate
from screening.rules.scales import CssrsRisk
from screening.rules.suicide import high_risk_answers, high_suicide_risk, needs_crisis_help

__all__ = [
    "CATALOGUE",
    "RULESET_VERSION",
    "RULES_BY_CODE",
    "CssrsRisk",
    "Domain",
    "Flag",
    "Outcome",
    "Rule",
    "ScreeningResult",
    "Severity",
    "evaluate",
    "high_risk_answers",
    "high_suicide_risk",
    "needs_crisis_help",
]
