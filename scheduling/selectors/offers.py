"""Which providers a cleared case is offered, where, and their free slots: a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from patients.models import Intake
from review.models import Decision
from scheduling.models import Location, Provider
from scheduling.rules import CaseFacts, care_state, licence_reasons, reasons_left_out, usable_routes
from scheduling.slots import Slot, free_slots_for

BOOKABLE_STATUSES = (Intake.Status.CLEARED, Intake.Status.CONSULTATION_BOOKED)


@dataclass(frozen=True)
class Verdict:
    """One provider at one of their locations (None: they have none) for a case, and why not."""

    provider: Provider
    location: Location | None
    offered: bool
    reasons: tuple[str, ...]
    routes: tuple[str, ...]  # the cleared routes this provider offers at this location


def case_facts(intake: Intake) -> CaseFacts:
    """The case as the rules see it: cleared or not, the latest clearance's routes, state, preference."""
    cleared = intake.status in BOOKABLE_STATUSES
    clearance = (
        Decision.objects.filter(intake=intake, kind=Decision.Kind.CLEAR).order_by("-at", "-pk").first()
        if cleared else None
    )
    routes = clearance.routes if clearance else []
    return CaseFacts.from_answers(intake.answers or {}, cleared=clearance is not None, routes=routes)


def verdicts_for(intake: Intake, *, on: date) -> list[Verdict]:
    """Every provider, active or not, at each of their locations: offered on `on` or not, and why."""
    return verdicts_from(case_facts(intake), on=on)


def verdicts_from(facts: CaseFacts, *, on: date) -> list[Verdict]:
    providers = Provider.objects.prefetch_related("locations", "licences").order_by("name", "pk")
    verdicts = [
        judge(provider, location, facts, on=on)
        for provider in providers
        for location in (list(provider.locations.all()) or [None])
    ]
    return sorted(verdicts, key=lambda v: (not v.offered, v.provider.name, str(v.location or "")))


def judge(provider: Provider, location: Location | None, facts: CaseFacts, *, on: date) -> Verdict:
    reasons = tuple(reasons_left_out(provider, location, facts, on=on))
    routes = tuple(sorted(usable_routes(provider, location, facts))) if location else ()
    return Verdict(provider=provider, location=location, offered=not reasons, reasons=reasons, routes=routes)


def offered_slots(intake: Intake, *, start: date, days: int, now: datetime) -> list[Slot]:
    """The free slots of every provider offered for the case, each on a date their licence covers."""
    facts = case_facts(intake)
    offered = [v for v in verdicts_from(facts, on=start) if v.offered]
    by_pair = {(v.provider.pk, v.location.pk): v for v in offered}
    found = free_slots_for([(v.provider, v.location) for v in offered], start=start, days=days, now=now)
    slots = [
        slot for pair, pair_slots in found.items() for slot in pair_slots
        if licensed_on(by_pair[pair], facts, slot.local_starts_at.date())
    ]
    return sorted(slots, key=lambda s: (s.starts_at, by_pair[(s.provider_id, s.location_id)].provider.name))


def licensed_on(verdict: Verdict, facts: CaseFacts, day: date) -> bool:
    """A licence may lapse within the range: each slot's own date must be covered."""
    state = care_state(verdict.location, facts)
    return not licence_reasons(verdict.provider.licences.all(), state, on=day)


def offered_slot(
    intake: Intake, *, provider_id: int, location_id: int, starts_at: datetime, now: datetime
) -> Slot | None:
    """The slot at `starts_at` with this provider here if the case is offered it now; None if not."""
    location = Location.objects.filter(pk=location_id).first()
    if location is None:
        return None
    day = starts_at.astimezone(ZoneInfo(location.time_zone)).date()
    wanted = (provider_id, location_id, starts_at)
    slots = offered_slots(intake, start=day, days=1, now=now)
    return next((s for s in slots if (s.provider_id, s.location_id, s.starts_at) == wanted), None)
