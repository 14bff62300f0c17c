"""How long a case has waited against the clinic's target, in the clinic's working days."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from clinic.workdays import due_date, first_day_not_overdue, working_days_between
from screening.models import Outcome


def clinic_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def clinic_date(moment: datetime) -> date:
    """The clinic's calendar date at `moment`."""
    return moment.astimezone(clinic_zone()).date()


def start_of(day: date) -> datetime:
    """Midnight at the start of `day` in the clinic's time zone."""
    return datetime.combine(day, time.min, tzinfo=clinic_zone())


@dataclass(frozen=True)
class Waiting:
    """A case's wait: sent on, working days waited, due on, and whether it is overdue."""

    sent_on: date
    working_days: int
    due_on: date
    overdue: bool


def waiting(*, submitted_at: datetime, outcome: str, target_days: int, now: datetime) -> Waiting:
    """The wait of a case sent at `submitted_at`: urgent ones are due that day, others after the target."""
    sent_on, today = clinic_date(submitted_at), clinic_date(now)
    due_on = due_date(sent_on, urgent=outcome == Outcome.URGENT, target_days=target_days)
    return Waiting(sent_on, working_days_between(sent_on, today), due_on, today > due_on)


def overdue_q(*, target_days: int, now: datetime) -> Q:
    """Intakes past their due date at `now`, as one filter (urgent: sent before today)."""
    today = clinic_date(now)
    urgent = Q(current_outcome=Outcome.URGENT, submitted_at__lt=start_of(today))
    cutoff = start_of(first_day_not_overdue(today, target_days=target_days))
    return urgent | (~Q(current_outcome=Outcome.URGENT) & Q(submitted_at__lt=cutoff))
