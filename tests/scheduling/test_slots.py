"""Free slots from weekly and extra hours, less time off and bookings; local time across both DST changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduling.models import AvailabilityException, Consultation, Location, SchedulingSettings
from scheduling.slots import Availability, Window, free_slots, free_slots_for, free_slots_from, to_utc
from tests.scheduling.factories import (
    ConsultationFactory,
    LocationFactory,
    ProviderFactory,
    TelehealthLocationFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
MONDAY = date(2026, 6, 15)
BEFORE = datetime(2026, 1, 1, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def walls(slots: list) -> list[str]:
    """The slots as the patient reads them: local wall-clock start and the zone's abbreviation."""
    return [slot.local_starts_at.strftime("%H:%M %Z") for slot in slots]


@pytest.fixture
def clinic() -> tuple:
    location = LocationFactory()
    provider = ProviderFactory(locations=[location])
    WeeklyHoursFactory(provider=provider, location=location, weekday=0, starts=time(9), ends=time(12))
    return provider, location


def test_weekly_hours_give_back_to_back_slots_in_utc_with_the_zone_named(clinic: tuple) -> None:
    slots = free_slots(*clinic, start=MONDAY, days=1, now=BEFORE)
    assert [s.starts_at for s in slots] == [utc(2026, 6, 15, 13), utc(2026, 6, 15, 14), utc(2026, 6, 15, 15)]
    assert {s.time_zone for s in slots} == {"America/New_York"}
    assert walls(slots) == ["09:00 EDT", "10:00 EDT", "11:00 EDT"]
    assert all(s.ends_at - s.starts_at == timedelta(minutes=60) for s in slots)


def test_only_the_weekdays_of_the_hours_and_only_the_dates_asked_for(clinic: tuple) -> None:
    assert free_slots(*clinic, start=MONDAY + timedelta(days=1), days=6, now=BEFORE) == []
    assert len(free_slots(*clinic, start=MONDAY, days=8, now=BEFORE)) == 6


def test_the_consultation_length_comes_from_the_clinic_setting_for_the_kind() -> None:
    video = TelehealthLocationFactory()
    provider = ProviderFactory(locations=[video])
    WeeklyHoursFactory(provider=provider, location=video, weekday=0, starts=time(9), ends=time(10))
    SchedulingSettings.objects.update(telehealth_minutes=20)
    slots = free_slots(provider, video, start=MONDAY, days=1, now=BEFORE)
    assert walls(slots) == ["09:00 EDT", "09:20 EDT", "09:40 EDT"]
    assert {s.kind for s in slots} == {"telehealth"}


def test_a_booked_consultation_of_the_provider_anywhere_takes_its_time(clinic: tuple) -> None:
    provider, location = clinic
    ConsultationFactory(provider=provider, location=LocationFactory(), starts_at=utc(2026, 6, 15, 14, 30))
    assert walls(free_slots(*clinic, start=MONDAY, days=1, now=BEFORE)) == ["09:00 EDT"]


def test_a_cancelled_consultation_and_another_providers_do_not(clinic: tuple) -> None:
    provider, location = clinic
    cancelled = ConsultationFactory(provider=provider, location=location, starts_at=utc(2026, 6, 15, 13))
    cancelled.set_status(Consultation.Status.CANCELLED, by=cancelled.created_by)
    ConsultationFactory(location=location, starts_at=utc(2026, 6, 15, 14))
    assert len(free_slots(*clinic, start=MONDAY, days=1, now=BEFORE)) == 3


def test_time_off_everywhere_or_here_removes_slots_but_not_time_off_elsewhere(clinic: tuple) -> None:
    provider, location = clinic
    off = {"provider": provider, "kind": AvailabilityException.Kind.TIME_OFF}
    AvailabilityException.objects.create(**off, starts_at=utc(2026, 6, 15, 13), ends_at=utc(2026, 6, 15, 14))
    AvailabilityException.objects.create(
        **off, location=location, starts_at=utc(2026, 6, 15, 15, 59), ends_at=utc(2026, 6, 15, 17)
    )
    AvailabilityException.objects.create(
        **off, location=LocationFactory(), starts_at=utc(2026, 6, 15, 14), ends_at=utc(2026, 6, 15, 15)
    )
    assert walls(free_slots(*clinic, start=MONDAY, days=1, now=BEFORE)) == ["10:00 EDT"]


def test_extra_hours_add_slots_at_their_location(clinic: tuple) -> None:
    provider, location = clinic
    AvailabilityException.objects.create(
        provider=provider, location=location, kind=AvailabilityException.Kind.EXTRA,
        starts_at=utc(2026, 6, 16, 22), ends_at=utc(2026, 6, 17, 0),  # Tuesday 18:00-20:00 in New York
    )
    assert walls(free_slots(*clinic, start=MONDAY, days=2, now=BEFORE))[3:] == ["18:00 EDT", "19:00 EDT"]


def test_extra_hours_overlapping_the_weekly_hours_double_nothing(clinic: tuple) -> None:
    provider, location = clinic
    AvailabilityException.objects.create(
        provider=provider, location=location, kind=AvailabilityException.Kind.EXTRA,
        starts_at=utc(2026, 6, 15, 13, 30), ends_at=utc(2026, 6, 15, 17),
    )
    slots = free_slots(*clinic, start=MONDAY, days=1, now=BEFORE)
    assert walls(slots) == ["09:00 EDT", "10:00 EDT", "11:00 EDT", "12:00 EDT"]


def test_slots_that_started_before_now_are_not_offered(clinic: tuple) -> None:
    now = utc(2026, 6, 15, 13, 1)
    assert walls(free_slots(*clinic, start=MONDAY, days=1, now=now)) == ["10:00 EDT", "11:00 EDT"]


def test_free_slots_for_many_pairs_read_a_fixed_number_of_queries(
    django_assert_max_num_queries: object,
) -> None:
    pairs = []
    for _ in range(6):
        location = LocationFactory()
        provider = ProviderFactory(locations=[location])
        WeeklyHoursFactory(provider=provider, location=location)
        ConsultationFactory(provider=provider, location=location)
        pairs.append((provider, location))
    with django_assert_max_num_queries(4):
        found = free_slots_for(pairs, start=MONDAY, days=14, now=BEFORE)
    assert sum(len(slots) for slots in found.values()) == 6 * 6 - 6


# Both 2026 daylight-saving changes in the US: Sunday March 8 (2:00 becomes 3:00) and Sunday
# November 1 (2:00 becomes 1:00 again). Hours from midnight to 5:00 cross each change.
@pytest.fixture
def night_hours() -> tuple:
    location = LocationFactory()
    provider = ProviderFactory(locations=[location])
    WeeklyHoursFactory(provider=provider, location=location, weekday=6, starts=time(0), ends=time(5))
    return provider, location


def test_spring_forward_gives_no_slot_in_the_hour_that_does_not_exist(night_hours: tuple) -> None:
    slots = free_slots(*night_hours, start=date(2026, 3, 8), days=1, now=BEFORE)
    assert walls(slots) == ["00:00 EST", "01:00 EST", "03:00 EDT", "04:00 EDT"]
    assert [s.starts_at.hour for s in slots] == [5, 6, 7, 8]


def test_spring_forward_with_half_hour_slots_never_overlaps(night_hours: tuple) -> None:
    SchedulingSettings.objects.update(in_person_minutes=30)
    slots = free_slots(*night_hours, start=date(2026, 3, 8), days=1, now=BEFORE)
    assert walls(slots) == ["00:00 EST", "00:30 EST", "01:00 EST", "01:30 EST", "03:00 EDT", "03:30 EDT",
                            "04:00 EDT", "04:30 EDT"]
    assert all(a.ends_at <= b.starts_at for a, b in zip(slots, slots[1:], strict=False))


def test_fall_back_gives_the_repeated_hour_one_slot_not_two(night_hours: tuple) -> None:
    slots = free_slots(*night_hours, start=date(2026, 11, 1), days=1, now=BEFORE)
    assert walls(slots) == ["00:00 EDT", "01:00 EDT", "02:00 EST", "03:00 EST", "04:00 EST"]
    assert [s.starts_at for s in slots] == [utc(2026, 11, 1, 4), utc(2026, 11, 1, 5), utc(2026, 11, 1, 7),
                                            utc(2026, 11, 1, 8), utc(2026, 11, 1, 9)]


def test_fall_back_with_half_hour_slots_lists_each_wall_time_once(night_hours: tuple) -> None:
    SchedulingSettings.objects.update(in_person_minutes=30)
    slots = free_slots(*night_hours, start=date(2026, 11, 1), days=1, now=BEFORE)
    labels = [s.local_starts_at.strftime("%H:%M") for s in slots]
    assert labels == ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30", "04:00",
                      "04:30"]
    assert all(a.ends_at <= b.starts_at for a, b in zip(slots, slots[1:], strict=False))


@pytest.mark.parametrize(
    ("friday", "monday", "before", "after"),
    [(date(2026, 3, 6), date(2026, 3, 9), 17, 16), (date(2026, 10, 30), date(2026, 11, 2), 16, 17)],
    ids=["march", "november"],
)
def test_nine_oclock_in_los_angeles_stays_nine_oclock_across_the_change(
    friday: date, monday: date, before: int, after: int
) -> None:
    location = LocationFactory(city="Los Angeles", state="CA", time_zone="America/Los_Angeles")
    provider = ProviderFactory(locations=[location])
    for weekday in (0, 4):
        WeeklyHoursFactory(
            provider=provider, location=location, weekday=weekday, starts=time(9), ends=time(10)
        )
    slots = free_slots(provider, location, start=friday, days=4, now=BEFORE)
    assert [s.local_starts_at.strftime("%a %H:%M") for s in slots] == ["Fri 09:00", "Mon 09:00"]
    assert [s.starts_at.hour for s in slots] == [before, after]
    assert [s.local_starts_at.date() for s in slots] == [friday, monday]


# The pure core, on any window and length around either change: slots never overlap, each wall-clock
# start is offered once, and each exists in the zone.
@given(
    day=st.sampled_from([date(2026, 3, 8), date(2026, 11, 1)]),
    zone_name=st.sampled_from(["America/New_York", "America/Chicago", "America/Los_Angeles"]),
    first_minute=st.integers(0, 6 * 60), hours=st.integers(1, 6),
    length=st.integers(2, 24).map(lambda n: n * 5),
)
@settings(max_examples=200, deadline=None)
def test_any_window_across_a_change_gives_distinct_existing_non_overlapping_slots(
    day: date, zone_name: str, first_minute: int, hours: int, length: int
) -> None:
    zone = ZoneInfo(zone_name)
    first = datetime.combine(day, time()) + timedelta(minutes=first_minute)
    end = (first + timedelta(hours=hours)).replace(tzinfo=zone).astimezone(UTC)
    location = Location(pk=1, kind="in_person", time_zone=zone_name)
    availability = Availability(1, location, timedelta(minutes=length), [Window(first, end)], [])
    around = {"start": day - timedelta(days=1), "end": day + timedelta(days=2)}
    slots = free_slots_from(availability, **around, now=BEFORE)
    labels = [s.local_starts_at.replace(tzinfo=None) for s in slots]
    assert len(set(labels)) == len(labels)
    assert all(a.ends_at <= b.starts_at for a, b in zip(slots, slots[1:], strict=False))
    assert all(s.local_starts_at.astimezone(UTC) == s.starts_at and s.ends_at <= end for s in slots)
    assert all(to_utc(label, zone) == s.starts_at for s, label in zip(slots, labels, strict=True))
