"""Many bookings at once against the real database: its constraints, not a check in Python, decide.

Each thread has its own connection and waits at a barrier so that all of them check the slot (still free)
before any inserts: a check-then-insert would book several. Nothing is mocked.
"""

import threading
from collections.abc import Callable
from datetime import time, timedelta

import pytest
from django.db import connections

from patients.models import Intake
from scheduling.models import Consultation
from scheduling.services.booking import TAKEN, BookingRefused, book_consultation
from tests.scheduling.booking import (
    NOW,
    TUESDAY_9,
    choice,
    clinician,
    provider_with_hours,
    quickly_cleared_case,
)
from tests.scheduling.factories import TelehealthLocationFactory, WeeklyHoursFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RACERS = 20
WAIT_SECONDS = 30


def race(attempts: list[Callable[[], object]]) -> tuple[list, list]:
    """Run the attempts at once, one thread and connection each; (bookings, refusals). Any error fails."""
    start = threading.Barrier(len(attempts), timeout=WAIT_SECONDS)
    booked, refused, failed = [], [], []

    def run(attempt: Callable[[], object]) -> None:
        try:
            start.wait()
            booked.append(attempt())
        except BookingRefused as refusal:
            refused.append(refusal)
        except Exception as exc:  # noqa: BLE001 (reported below: a race must never end in an error)
            failed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    assert not failed, failed
    return booked, refused


def one_slot_race() -> tuple[list, list, list[Intake]]:
    provider, by = provider_with_hours(), clinician()
    intakes = [quickly_cleared_case(by) for _ in range(RACERS)]
    attempts = [
        lambda i=i: book_consultation(intake=i, choice=choice(provider), by=by, now=NOW) for i in intakes
    ]
    return (*race(attempts), intakes)


def test_twenty_concurrent_bookings_of_one_slot_make_one_booking_and_nineteen_clear_refusals() -> None:
    booked, refused, intakes = one_slot_race()
    assert (len(booked), len(refused)) == (1, RACERS - 1)
    assert Consultation.objects.filter(status="booked").count() == 1
    for refusal in refused:
        assert refusal.reason and TUESDAY_9 not in [slot.starts_at for slot in refusal.next_slots]
    # The database constraint, not the re-check in Python, stopped (at least some of) them.
    assert any(refusal.reason == TAKEN for refusal in refused)
    statuses = sorted(Intake.objects.filter(pk__in=[i.pk for i in intakes]).values_list("status", flat=True))
    assert statuses == ["cleared"] * (RACERS - 1) + ["consultation_booked"]


def test_overlapping_slots_of_one_provider_booked_at_once_leave_one_booking() -> None:
    """In person 9:00-10:00 and by video 9:30-10:00: different starts, overlapping times, one provider."""
    provider, by = provider_with_hours(), clinician()
    video = TelehealthLocationFactory()
    provider.locations.add(video)
    WeeklyHoursFactory(provider=provider, location=video, weekday=1, starts=time(9, 30), ends=time(12))
    half_past = TUESDAY_9 + timedelta(minutes=30)
    chosen = [choice(provider), choice(provider, half_past, location=video)] * (RACERS // 2)
    intakes = [quickly_cleared_case(by) for _ in chosen]
    attempts = [
        lambda i=i, c=c: book_consultation(intake=i, choice=c, by=by, now=NOW)
        for i, c in zip(intakes, chosen, strict=True)
    ]
    booked, refused = race(attempts)
    assert (len(booked), len(refused)) == (1, RACERS - 1)
    [kept] = Consultation.objects.filter(status="booked")
    assert kept.starts_at in (TUESDAY_9, half_past)

