"""Providers, their licences and availability, the clinic's locations, and consultations."""

from scheduling.models.consultations import Consultation, ConsultationEvent
from scheduling.models.providers import (
    AvailabilityException,
    Credential,
    Licence,
    Location,
    LocationKind,
    Provider,
    SchedulingSettings,
    WeeklyHours,
)

__all__ = [
    "AvailabilityException", "Consultation", "ConsultationEvent", "Credential", "Licence", "Location",
    "LocationKind", "Provider", "SchedulingSettings", "WeeklyHours",
]
