"""Whether the answers so far call for crisis resources on the page (shared/clinical/README.md)."""

from collections.abc import Mapping

PHQ9_ITEM9 = 8


def needs_crisis_help(answers: Mapping) -> bool:
    """True when PHQ-9 item 9 is above 0 or C-SSRS question 1 or 2 is "yes"; missing answers count as no."""
    items = answers.get("phq9_items") or []
    item9 = items[PHQ9_ITEM9] if len(items) > PHQ9_ITEM9 else None
    screener_yes = "yes" in (answers.get("cssrs_q1"), answers.get("cssrs_q2"))
    return (isinstance(item9, int) and item9 > 0) or screener_yes
