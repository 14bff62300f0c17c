"""The slots a case is offered, as booking needs them: one chosen slot re-checked, or the next free ones."""

from dataclasses import dataclass
from datetime import datetime

from patients.models import Intake
from scheduling import selectors
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


def offered_slot(intake: Intake, choice: Choice, *, now: datetime) -> Slot:
    """The offered slot the choice names, asked again of the offer (eligibility included); SlotGone if not."""
    slot = selectors.offered_slot(
        intake, provider_id=choice.provider_id, location_id=choice.location_id, starts_at=choice.starts_at,
        now=now,
    )
    if slot is None:
        raise SlotGone
    return slot


def next_free_slots(intake: Intake, *, now: datetime, count: int = NEXT_SLOTS) -> list[Slot]:
    """The first `count` slots still offered from today on."""
    return selectors.offered_slots(intake, start=now.date(), days=LOOKAHEAD_DAYS, now=now)[:count]
