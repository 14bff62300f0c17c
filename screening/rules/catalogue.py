"""The rule catalogue of rules.md, in the order of its sections A to I."""

from collections.abc import Mapping

from screening.rules.base import Rule
from screening.rules.cardio import CARDIO_RULES
from screening.rules.label import LABEL_RULES
from screening.rules.logistics import LOGISTICS_RULES
from screening.rules.medications import MEDICATION_RULES
from screening.rules.neuro_medical import NEURO_MEDICAL_RULES
from screening.rules.psych import PSYCH_RULES
from screening.rules.repro import REPRO_RULES
from screening.rules.substances import SUBSTANCE_RULES
from screening.rules.suicide import SUICIDE_RULES

CATALOGUE: tuple[Rule, ...] = (
    *LABEL_RULES,
    *CARDIO_RULES,
    *NEURO_MEDICAL_RULES,
    *PSYCH_RULES,
    *SUICIDE_RULES,
    *SUBSTANCE_RULES,
    *REPRO_RULES,
    *MEDICATION_RULES,
    *LOGISTICS_RULES,
)

RULES_BY_CODE: Mapping[str, Rule] = {rule.code: rule for rule in CATALOGUE}

if len(RULES_BY_CODE) != len(CATALOGUE):
    raise ImportError("two rules in the catalogue share a code")
