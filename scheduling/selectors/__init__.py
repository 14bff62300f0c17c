"""What scheduling pages and booking read: who is offered for a case and when, and the provider lists."""

from scheduling.selectors.offers import Verdict, case_facts, offered_slots, verdicts_for

__all__ = ["Verdict", "case_facts", "offered_slots", "verdicts_for"]
