"""The calendar file (.ics) of a consultation: when (with its zone), with whom, where or how to join.

It holds no health information: no route, no condition, no outcome, only the appointment itself.
"""

from datetime import UTC, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from scheduling.models import Consultation

PRODID = "-//Clinic intake//Consultations//EN"
MIMETYPE = "text/calendar"


def ics_filename(consultation: Consultation) -> str:
    return f"consultation-{consultation.pk}.ics"


def where_words(consultation: Consultation) -> str:
    """The location's address, or for telehealth how to join the call."""
    location = consultation.location
    if location.is_telehealth:
        return location.telehealth_instructions or "Telehealth (video call): the clinic will send the link."
    parts = (location.address_line, location.city, location.state, location.postcode)
    place = ", ".join(part for part in parts if part)
    return f"{location.name}, {place}" if place else location.name


def when_words(consultation: Consultation) -> str:
    """The start and end in the consultation's own zone, with the zone named ("America/Chicago, CST")."""
    zone = ZoneInfo(consultation.time_zone)
    start, end = consultation.starts_at.astimezone(zone), consultation.ends_at.astimezone(zone)
    day = f"{start:%A}, {start:%B} {start.day}, {start.year}"
    return f"{day}, {start:%H:%M} to {end:%H:%M} ({consultation.time_zone}, {start:%Z})"


def build_ics(consultation: Consultation, *, sequence: int = 0, now: datetime | None = None) -> str:
    """The consultation as an iCalendar file; `sequence` grows with each reschedule so calendars update."""
    zone = ZoneInfo(consultation.time_zone)
    provider = consultation.provider
    event = Event()
    event.add("uid", f"consultation-{consultation.pk}@{mail_domain()}")
    event.add("dtstamp", now or datetime.now(UTC))
    event.add("dtstart", consultation.starts_at.astimezone(zone))
    event.add("dtend", consultation.ends_at.astimezone(zone))
    event.add("sequence", sequence)
    event.add("summary", f"Consultation with {provider}")
    event.add("location", where_words(consultation))
    event.add("description", f"{when_words(consultation)}\n{where_words(consultation)}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def mail_domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
