"""Free consultation slots: weekly hours and extra hours, less time off and booked consultations.

Slots are laid out in the location's wall-clock time (a telehealth location's own zone too: the
patient's zone for telehealth is not known to the intake, a gap noted in the README) and returned in
UTC with the zone's name. Across daylight-saving changes a wall-clock start that does not exist (the
skipped hour in March) gives no slot, and one that happens twice (the repeated hour in November) gives
one slot, at its first occurrence.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduling.models import AvailabilityException, Consultation, Location, SchedulingSettings, WeeklyHours

EXTRA = AvailabilityException.Kind.EXTRA
TIME_OFF = AvailabilityException.Kind.TIME_OFF


@dataclass(frozen=True)
class Slot:
    """A free consultation time: UTC instants and the zone it is shown in."""

    provider_id: int
    location_id: int
    kind: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str

    @property
    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def local_ends_at(self) -> datetime:
        return self.ends_at.astimezone(ZoneInfo(self.time_zone))

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        return self.starts_at < ends_at and starts_at < self.ends_at


@dataclass(frozen=True)
class Window:
    """Bookable time: slots start at wall-clock `first` and every `length` after, ending by `end_utc`."""

    first: datetime  # naive, the location's wall-clock time
    end_utc: datetime


@dataclass(frozen=True)
class Busy:
    """Time the provider cannot be booked (UTC)."""

    starts_at: datetime
    ends_at: datetime


def to_utc(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """The instant of a wall-clock time: None if it does not exist, the first one if it happens twice."""
    aware = wall.replace(tzinfo=zone, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        return None  # in the hour skipped when the clocks go forward
    return instant


def weekly_windows(hours: Iterable[WeeklyHours], zone: ZoneInfo, start: date, days: int) -> Iterator[Window]:
    """The weekly hours laid on each local date of the range."""
    by_weekday: dict[int, list[WeeklyHours]] = {}
    for row in hours:
        by_weekday.setdefault(row.weekday, []).append(row)
    for offset in range(days):
        day = start + timedelta(days=offset)
        for row in by_weekday.get(day.weekday(), ()):
            end = datetime.combine(day, row.ends).replace(tzinfo=zone).astimezone(UTC)
            yield Window(first=datetime.combine(day, row.starts), end_utc=end)


def extra_windows(extras: Iterable[AvailabilityException], zone: ZoneInfo) -> Iterator[Window]:
    for extra in extras:
        yield Window(first=extra.starts_at.astimezone(zone).replace(tzinfo=None), end_utc=extra.ends_at)


def window_starts(window: Window, zone: ZoneInfo, length: timedelta) -> Iterator[datetime]:
    """The UTC starts of the slots in a window, stepping in wall-clock time."""
    wall = window.first
    while True:
        instant = to_utc(wall, zone)
        if instant is None:
            wall += length
            continue
        if instant + length > window.end_utc:
            return
        yield instant
        # A slot across the skipped hour ends later on the wall clock than `wall + length`.
        wall = max(wall + length, (instant + length).astimezone(zone).replace(tzinfo=None))


def merged(windows: Iterable[Window], zone: ZoneInfo) -> list[Window]:
    """Overlapping or touching windows joined, so extra hours beside weekly hours extend one grid."""
    joined: list[Window] = []
    for window in sorted(windows, key=lambda w: w.first.replace(tzinfo=zone).astimezone(UTC)):
        if joined and window.first.replace(tzinfo=zone).astimezone(UTC) <= joined[-1].end_utc:
            if window.end_utc > joined[-1].end_utc:
                joined[-1] = Window(first=joined[-1].first, end_utc=window.end_utc)
            continue
        joined.append(window)
    return joined


@dataclass(frozen=True)
class Availability:
    """Everything the slots of one provider at one location are made from (no database access)."""

    provider_id: int
    location: Location
    length: timedelta
    windows: list[Window]
    busy: list[Busy]


def free_slots_from(availability: Availability, *, start: date, end: date, now: datetime) -> list[Slot]:
    """The free slots starting after `now`, on local dates from `start` up to (not including) `end`."""
    location = availability.location
    zone = ZoneInfo(location.time_zone)
    slots: list[Slot] = []
    windows = merged(availability.windows, zone)
    for starts_at in (s for window in windows for s in window_starts(window, zone, availability.length)):
        slot = Slot(availability.provider_id, location.pk, location.kind, starts_at,
                    starts_at + availability.length, location.time_zone)
        if not start <= slot.local_starts_at.date() < end or starts_at < now:
            continue
        if any(slot.overlaps(b.starts_at, b.ends_at) for b in availability.busy):
            continue
        slots.append(slot)
    return slots


def free_slots(provider: object, location: Location, *, start: date, days: int, now: datetime) -> list[Slot]:
    """The free slots of one provider at one location on `days` local dates from `start`."""
    return free_slots_for([(provider, location)], start=start, days=days, now=now)[(provider.pk, location.pk)]


def free_slots_for(
    pairs: list[tuple[object, Location]], *, start: date, days: int, now: datetime
) -> dict[tuple[int, int], list[Slot]]:
    """Free slots by (provider id, location id), read in three queries whatever the number of pairs."""
    clinic = SchedulingSettings.current()
    rows = read_rows(pairs, start=start, days=days)
    end = start + timedelta(days=days)
    found = {}
    for provider, location in pairs:
        length = timedelta(minutes=clinic.minutes_for(location.kind))
        availability = availability_of(provider.pk, location, rows, length=length, start=start, days=days)
        found[(provider.pk, location.pk)] = free_slots_from(availability, start=start, end=end, now=now)
    return found


@dataclass(frozen=True)
class Rows:
    hours: list[WeeklyHours]
    exceptions: list[AvailabilityException]
    booked: list[Consultation]


def read_rows(pairs: list[tuple[object, Location]], *, start: date, days: int) -> Rows:
    """Weekly hours, exceptions and booked consultations of the pairs' providers around the range."""
    provider_ids = {provider.pk for provider, _ in pairs}
    # A day either side covers every zone's offset from UTC.
    since = datetime.combine(start - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    until = datetime.combine(start + timedelta(days=days + 1), datetime.min.time(), tzinfo=UTC)
    around = {"starts_at__lt": until, "ends_at__gt": since}
    return Rows(
        hours=list(WeeklyHours.objects.filter(provider_id__in=provider_ids)),
        exceptions=list(AvailabilityException.objects.filter(provider_id__in=provider_ids, **around)),
        booked=list(
            Consultation.objects.filter(
                provider_id__in=provider_ids, status=Consultation.Status.BOOKED, **around
            ).only("provider_id", "starts_at", "ends_at")
        ),
    )


def availability_of(
    provider_id: int, location: Location, rows: Rows, *, length: timedelta, start: date, days: int
) -> Availability:
    """One pair's windows (weekly and extra hours there) and busy times (time off, any consultation)."""
    zone = ZoneInfo(location.time_zone)
    exceptions = [e for e in rows.exceptions if e.provider_id == provider_id]
    extras = [e for e in exceptions if e.kind == EXTRA and e.location_id == location.pk]
    time_off = [e for e in exceptions if e.kind == TIME_OFF and e.location_id in (None, location.pk)]
    hours = [h for h in rows.hours if h.provider_id == provider_id and h.location_id == location.pk]
    return Availability(
        provider_id=provider_id, location=location, length=length,
        windows=[*weekly_windows(hours, zone, start, days), *extra_windows(extras, zone)],
        busy=[*(Busy(e.starts_at, e.ends_at) for e in time_off),
              *(Busy(c.starts_at, c.ends_at) for c in rows.booked if c.provider_id == provider_id)],
    )
