"""The slots a case is offered, as booking needs them: one chosen slot re-checked, or the next free ones."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from patients.models import Intake
from scheduling.selectors import offered_slots

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

    def matches(self, slot: object) -> bool:
        return (slot.provider.pk, slot.location.pk, slot.starts_at) == (
            self.provider_id, self.location_id, self.starts_at,
        )


def offered_slot(intake: Intake, choice: Choice, *, now: datetime) -> object:
    """The offered slot the choice names, found by asking again what is offered around its day."""
    around = choice.starts_at.date() - timedelta(days=1)
    for slot in offered_slots(intake, start=around, days=3, now=now):
        if choice.matches(slot):
            return slot
    raise SlotGone


def next_free_slots(intake: Intake, *, now: datetime, count: int = NEXT_SLOTS) -> list:
    """The first `count` slots still offered from today on."""
    return offered_slots(intake, start=now.date(), days=LOOKAHEAD_DAYS, now=now)[:count]


def slots_by_day(intake: Intake, *, start: date, days: int, now: datetime) -> list[tuple[date, list]]:
    """The offered slots from `start` for `days` days, grouped by their local date, in order."""
    grouped: dict[date, list] = {}
    for slot in offered_slots(intake, start=start, days=days, now=now):
        grouped.setdefault(slot.local_start.date() if hasattr(slot, "local_start") else local(slot).date(),
                           []).append(slot)
    return sorted(grouped.items())


def local(slot: object) -> datetime:
    from zoneinfo import ZoneInfo

    return slot.starts_at.astimezone(ZoneInfo(slot.time_zone))
