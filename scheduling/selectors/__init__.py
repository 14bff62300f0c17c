"""What scheduling pages and booking read: who is offered for a case and when, and the provider pages."""

from scheduling.selectors.offers import Verdict, case_facts, offered_slot, offered_slots, verdicts_for
from scheduling.selectors.providers import ProviderDetail, provider_detail, provider_list

__all__ = [
    "ProviderDetail", "Verdict", "case_facts", "offered_slot", "offered_slots", "provider_detail",
    "provider_list", "verdicts_for",
]
