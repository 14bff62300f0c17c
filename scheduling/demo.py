"""Demo providers and locations: two time zones (one certified site), video calls, licences, weekly hours.

The cleared demo patient (review.demo, NY, cleared for IV and esketamine) is offered slots with
Dr Chen in Manhattan and by video; Jordan Reyes's NY licence expires within 30 days of loading.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from accounts.models import User
from review.models import Route
from scheduling.models import Licence, Location, Provider, WeeklyHours

CLINICIAN = "clinician@demo.clinic"
WEEKDAYS = range(5)
# name: (kind, address, city, state, postcode, time zone, certified for esketamine)
LOCATIONS = {
    "Manhattan clinic": ("in_person", "200 Park Avenue South", "New York", "NY", "10003",
                         "America/New_York", True),
    "Los Angeles clinic": ("in_person", "800 Wilshire Boulevard", "Los Angeles", "CA", "90017",
                           "America/Los_Angeles", False),
    "Video consultations": ("telehealth", "", "", "NY", "", "America/New_York", False),
}
TELEHEALTH_INSTRUCTIONS = (
    "Join the video call from the link in your confirmation email, five minutes early, from a quiet room."
)
# NPI (valid check digits): name, credential, routes, locations, {state: days the licence has left}
IV, IM, SPRAY = Route.IV_INFUSION, Route.INTRAMUSCULAR, Route.ESKETAMINE_NASAL_SPRAY
PROVIDERS = {
    "1234567893": ("Dr Maya Chen", "MD", [IV, IM, SPRAY], ["Manhattan clinic", "Video consultations"],
                   {"NY": 700, "NJ": 400}),
    "1245319599": ("Jordan Reyes", "NP", [SPRAY, Route.ORAL_SUBLINGUAL, Route.AT_HOME],
                   ["Manhattan clinic", "Video consultations"], {"NY": 20, "CT": 500}),
    "1003000126": ("Dr Sam Patel", "DO", [IV, IM, Route.ORAL_SUBLINGUAL],
                   ["Los Angeles clinic", "Video consultations"], {"CA": 600, "NY": 300}),
}
# Hours per location (local time there): mornings in clinic, afternoons by video.
HOURS = {
    "Manhattan clinic": (time(9), time(12)),
    "Los Angeles clinic": (time(9), time(13)),
    "Video consultations": (time(14), time(17)),
}


def load() -> list[str]:
    """Create (or bring back to) the demo locations and providers; returns lines to print."""
    locations = {name: demo_location(name, *details) for name, details in LOCATIONS.items()}
    today = timezone.localdate()
    for npi, (name, credential, routes, at, licences) in PROVIDERS.items():
        provider = demo_provider(npi, name, credential, routes, [locations[n] for n in at])
        for state, days_left in licences.items():
            demo_licence(provider, state, today + timedelta(days=days_left))
        for location_name in at:
            demo_hours(provider, locations[location_name], *HOURS[location_name])
    return [f"Providers  {len(PROVIDERS)} providers at {len(LOCATIONS)} locations (admin: Providers)"]


def demo_location(name: str, kind: str, address: str, city: str, state: str, postcode: str, zone: str,
                  certified: bool) -> Location:
    instructions = TELEHEALTH_INSTRUCTIONS if kind == Location.Kind.TELEHEALTH else ""
    location, _ = Location.objects.update_or_create(name=name, defaults={
        "kind": kind, "address_line": address, "city": city, "state": state, "postcode": postcode,
        "time_zone": zone, "esketamine_certified": certified, "telehealth_instructions": instructions,
        "active": True,
    })
    return location


def demo_provider(
    npi: str, name: str, credential: str, routes: list[str], locations: list[Location]
) -> Provider:
    user = User.objects.filter(email=CLINICIAN).first() if npi == "1234567893" else None
    provider, _ = Provider.objects.update_or_create(npi=npi, defaults={
        "name": name, "credential": credential, "routes": [str(route) for route in routes], "user": user,
        "accepts_new_patients": True, "active": True,
    })
    provider.locations.set(locations)
    return provider


def demo_licence(provider: Provider, state: str, expires_on: date) -> None:
    number = f"{state}-{provider.npi[-6:]}"
    Licence.objects.update_or_create(provider=provider, state=state, number=number,
                                     defaults={"expires_on": expires_on})


def demo_hours(provider: Provider, location: Location, starts: time, ends: time) -> None:
    for weekday in WEEKDAYS:
        WeeklyHours.objects.get_or_create(
            provider=provider, location=location, weekday=weekday, defaults={"starts": starts, "ends": ends}
        )
