"""The offered slots as the booking pages list them: by local day, each time in its zone, zone named."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from patients.models import Intake
from scheduling.forms_booking import DAYS_SHOWN, DatesForm, SlotForm
from scheduling.models import Consultation, Location, Provider
from scheduling.selectors import offered_slots
from scheduling.services.booking import BookingRefused
from scheduling.services.changes import reschedule_consultation
from scheduling.slots import Slot


@dataclass(frozen=True)
class ShownSlot:
    """A slot or consultation as a page shows it: local start and end, the zone named, who and where."""

    provider: Provider
    location: Location
    starts_at: datetime  # UTC, what the form sends back
    start: datetime  # local to the zone
    end: datetime
    time_zone: str

    @property
    def zone(self) -> str:
        """The zone named twice over: its IANA name and the abbreviation in force ("America/Chicago, CDT")."""
        return f"{self.time_zone}, {self.start:%Z}"

    @property
    def value(self) -> str:
        return self.starts_at.isoformat()


def shown(item: Slot | Consultation, provider: Provider, location: Location) -> ShownSlot:
    zone = ZoneInfo(item.time_zone)
    return ShownSlot(provider=provider, location=location, starts_at=item.starts_at,
                     start=item.starts_at.astimezone(zone), end=item.ends_at.astimezone(zone),
                     time_zone=item.time_zone)


def shown_consultation(consultation: Consultation) -> ShownSlot:
    return shown(consultation, consultation.provider, consultation.location)


def shown_slots(slots: list[Slot]) -> list[ShownSlot]:
    """The slots with their providers and locations, read in two queries whatever their number."""
    providers = Provider.objects.in_bulk({slot.provider_id for slot in slots})
    locations = Location.objects.in_bulk({slot.location_id for slot in slots})
    return [shown(slot, providers[slot.provider_id], locations[slot.location_id]) for slot in slots]


def slot_days(slots: list[Slot]) -> list[tuple[date, list[ShownSlot]]]:
    """The slots grouped by their local date, in time order."""
    days: dict[date, list[ShownSlot]] = {}
    for item in sorted(shown_slots(slots), key=lambda s: (s.starts_at, s.provider.name, s.location.name)):
        days.setdefault(item.start.date(), []).append(item)
    return sorted(days.items())


def slot_context(request: HttpRequest, intake: Intake, *, now: datetime, today: date) -> dict:
    """The dates form and the week of offered slots it chose, for a booking or moving page."""
    form = DatesForm(request.GET or None)
    first = form.first_day(today=today)
    slots = offered_slots(intake, start=first, days=DAYS_SHOWN, now=now)
    last = first + timedelta(days=DAYS_SHOWN - 1)
    later = first + timedelta(days=DAYS_SHOWN)
    return {"dates_form": form, "first_day": first, "last_day": last, "later": later.isoformat(),
            "days": slot_days(slots)}


def move_to_posted_slot(request: HttpRequest, consultation: Consultation) -> dict | None:
    """Move the consultation to the slot the form sends: None once moved, else the refusal in words and
    the next free slots, for the page to show again (patients and clinicians alike)."""
    form = SlotForm(request.POST)
    try:
        if not form.is_valid():
            raise BookingRefused("Choose a time from the list.")
        reschedule_consultation(consultation=consultation, choice=form.choice(), by=request.user,
                                now=timezone.now())
    except (BookingRefused, ValidationError) as refusal:
        return {"refusal": getattr(refusal, "reason", None) or " ".join(refusal.messages),
                "next_slots": shown_slots(getattr(refusal, "next_slots", []))}
    return None
