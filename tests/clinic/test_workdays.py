"""Working-day arithmetic: weekends skipped, urgent cases due the same day."""

from datetime import date, timedelta

import pytest

from clinic.workdays import (
    add_working_days,
    due_date,
    first_day_not_overdue,
    is_overdue,
    working_days_between,
)

MONDAY = date(2026, 6, 15)
FRIDAY = date(2026, 6, 19)
SATURDAY = date(2026, 6, 20)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 1, date(2026, 6, 16)),
        (MONDAY, 4, FRIDAY),
        (MONDAY, 5, date(2026, 6, 22)),
        (FRIDAY, 1, date(2026, 6, 22)),
        (SATURDAY, 1, date(2026, 6, 22)),
        (date(2026, 6, 21), 2, date(2026, 6, 23)),
        (MONDAY, 10, date(2026, 6, 29)),
    ],
)
def test_adding_working_days_skips_saturdays_and_sundays(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_an_urgent_case_is_due_the_day_it_was_sent_and_overdue_the_next() -> None:
    assert due_date(FRIDAY, urgent=True, target_days=3) == FRIDAY
    assert not is_overdue(FRIDAY, urgent=True, target_days=3, today=FRIDAY)
    assert is_overdue(FRIDAY, urgent=True, target_days=3, today=SATURDAY)


def test_a_case_sent_on_friday_with_a_two_day_target_is_due_on_tuesday() -> None:
    assert due_date(FRIDAY, urgent=False, target_days=2) == date(2026, 6, 23)
    assert not is_overdue(FRIDAY, urgent=False, target_days=2, today=date(2026, 6, 23))
    assert is_overdue(FRIDAY, urgent=False, target_days=2, today=date(2026, 6, 24))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, FRIDAY, 4),
        (FRIDAY, date(2026, 6, 22), 1),
        (FRIDAY, SATURDAY, 0),
        (MONDAY, date(2026, 6, 29), 10),
        (FRIDAY, MONDAY, 0),
    ],
)
def test_working_days_between_counts_the_days_after_the_start(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_working_days_between_agrees_with_adding_them() -> None:
    for offset in range(14):
        start = MONDAY + timedelta(days=offset)
        for days in range(12):
            end = add_working_days(start, days)
            assert working_days_between(start, end) == days


@pytest.mark.parametrize("target", [1, 2, 3, 5, 10])
def test_every_case_sent_before_the_first_day_not_overdue_is_overdue_and_none_after(target: int) -> None:
    for offset in range(14):
        today = MONDAY + timedelta(days=offset)
        cutoff = first_day_not_overdue(today, target_days=target)
        for back in range(-3, 40):
            sent = today - timedelta(days=back)
            assert is_overdue(sent, urgent=False, target_days=target, today=today) == (sent < cutoff), (
                today,
                sent,
            )
