"""The slots a case is offered, as booking needs them: one chosen slot re-checked, or the next free ones."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from patients.models import Intake
from scheduling.selectors import offered_slots
from scheduling.slots import Slot

NEXT_SLOTS = 5
LOOKAHEAD_DAYS = 28


class SlotGone(Exception):
    """The chosen slot is not offered (any more) for this case."""


@dataclass(frozen=True)
class Choice:
    """The slot a user picked on a page: a provider, a location and a start time (UTC)."""

    provider_id: int
    location_id: int
    starts_at: datetime

    def matches(self, slot: Slot) -> bool:
        return (slot.provider_id, slot.location_id, slot.starts_at) == (
            self.provider_id, self.location_id, self.starts_at,
        )


def offered_slot(intake: Intake, choice: Choice, *, now: datetime) -> Slot:
    """The offered slot the choice names, found by asking again what is offered around its day."""
    around = choice.starts_at.date() - timedelta(days=1)
    for slot in offered_slots(intake, start=around, days=3, now=now):
        if choice.matches(slot):
            return slot
    raise SlotGone


def next_free_slots(intake: Intake, *, now: datetime, count: int = NEXT_SLOTS) -> list[Slot]:
    """The first `count` slots still offered from today on."""
    return offered_slots(intake, start=now.date(), days=LOOKAHEAD_DAYS, now=now)[:count]
