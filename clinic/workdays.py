"""Working-day arithmetic for review targets: Monday to Friday count, weekends are skipped. Pure."""

from datetime import date, timedelta

SATURDAY = 5


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a weekend start counts from the next Monday)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def due_date(sent_on: date, *, urgent: bool, target_days: int) -> date:
    """When a case sent on `sent_on` must be reviewed: the same day if urgent, else `target_days` later."""
    return sent_on if urgent else add_working_days(sent_on, target_days)


def is_overdue(sent_on: date, *, urgent: bool, target_days: int, today: date) -> bool:
    """Whether the case is past its due date on `today`."""
    return today > due_date(sent_on, urgent=urgent, target_days=target_days)


def working_days_between(start: date, end: date) -> int:
    """How many working days pass after `start` up to and including `end` (0 on the same day)."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    day = start + timedelta(days=weeks * 7)
    for _ in range(extra):
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def first_day_not_overdue(today: date, *, target_days: int) -> date:
    """The earliest sending date whose non-urgent case is not overdue on `today`; every earlier one is."""
    # Due dates never move back as the sending date moves on, so one comparison finds every overdue case.
    day = today
    while add_working_days(day - timedelta(days=1), target_days) >= today:
        day -= timedelta(days=1)
    return day
