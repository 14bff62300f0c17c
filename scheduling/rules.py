"""Which provider may see a case where: pure rules over rows already read (no queries, no clock).

A provider at a location is offered when every rule holds; each rule that fails gives a reason a
clinician can read ("licence in NY expired 2026-10-31").
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from review.models import Route
from scheduling.models import Licence, Location, LocationKind, Provider

# The intake's answers (patients/steps/about.py and logistics.py) that decide where care can happen.
STATE_ANSWER = "state"
SETTING_ANSWER = "preferred_setting"
ESKETAMINE = Route.ESKETAMINE_NASAL_SPRAY
PREFERENCE_WORDS = {LocationKind.IN_PERSON: "in person", LocationKind.TELEHEALTH: "by video call"}


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case."""

    cleared: bool
    cleared_routes: frozenset[str]
    residence_state: str  # two letters, or "" when the intake does not say
    preferred_setting: str  # in_person, telehealth, either, or ""

    @classmethod
    def from_answers(cls, answers: Mapping, *, cleared: bool, routes: Iterable[str]) -> "CaseFacts":
        state = answers.get(STATE_ANSWER)
        setting = answers.get(SETTING_ANSWER)
        return cls(
            cleared=cleared, cleared_routes=frozenset(routes),
            residence_state=state if isinstance(state, str) else "",
            preferred_setting=setting if isinstance(setting, str) else "",
        )


def care_state(location: Location, facts: CaseFacts) -> str:
    """Where care happens: the location's state in person, the patient's state by telehealth."""
    return facts.residence_state if location.kind == LocationKind.TELEHEALTH else location.state


def usable_routes(provider: Provider, location: Location, facts: CaseFacts) -> frozenset[str]:
    """The cleared routes this provider offers that this location allows (esketamine: certified only)."""
    routes = facts.cleared_routes & set(provider.routes)
    return routes if location.esketamine_certified else routes - {ESKETAMINE}


def case_reasons(facts: CaseFacts) -> list[str]:
    return [] if facts.cleared else ["the case is not cleared for a consultation"]


def provider_reasons(provider: Provider) -> list[str]:
    reasons = [] if provider.active else ["inactive"]
    return reasons if provider.accepts_new_patients else [*reasons, "not accepting new patients"]


def location_reasons(location: Location, facts: CaseFacts) -> list[str]:
    reasons = [] if location.active else ["location inactive"]
    wanted = facts.preferred_setting
    if wanted in LocationKind.values and wanted != location.kind:
        reasons.append(f"location does not suit the patient's preference ({PREFERENCE_WORDS[wanted]})")
    return reasons


def route_reasons(provider: Provider, location: Location, facts: CaseFacts) -> list[str]:
    if not facts.cleared:
        return []  # no clearance, no routes: case_reasons says so once
    if not facts.cleared_routes & set(provider.routes):
        return ["does not offer a cleared route"]
    if not usable_routes(provider, location, facts):
        return ["location not certified for esketamine"]
    return []


def licence_reasons(licences: Iterable[Licence], state: str, *, on: date) -> list[str]:
    """Why no licence covers `state` on `on` (valid through its expiry date), or nothing."""
    if not state:
        return ["the patient's state of residence is not known"]
    held = [licence for licence in licences if licence.state == state]
    if any(licence.is_valid_on(on) for licence in held):
        return []
    if not held:
        return [f"no licence in {state}"]
    lapsed = max(licence.expires_on for licence in held)
    return [f"licence in {state} expired {lapsed.isoformat()}"]


def reasons_left_out(
    provider: Provider, location: Location | None, facts: CaseFacts, *, on: date
) -> list[str]:
    """Every reason this provider is not offered at this location on `on`; empty when offered."""
    if location is None:
        return [*case_reasons(facts), *provider_reasons(provider), "not at any location"]
    return [
        *case_reasons(facts), *provider_reasons(provider), *location_reasons(location, facts),
        *route_reasons(provider, location, facts),
        *licence_reasons(provider.licences.all(), care_state(location, facts), on=on),
    ]
