"""The staff's read-only provider pages: the list and one provider, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from scheduling.models import AvailabilityException, Provider, WeeklyHours

SEARCH_MAX = 100


def provider_list(*, active: bool, search: str = "") -> QuerySet:
    """Active (or deactivated) providers by name, with their locations and licences; `search` by name."""
    providers = Provider.objects.filter(active=active).prefetch_related("locations", "licences")
    search = search.strip()[:SEARCH_MAX]
    return providers.filter(name__icontains=search) if search else providers


@dataclass(frozen=True)
class ProviderDetail:
    provider: Provider
    hours: list[WeeklyHours]
    coming_exceptions: list[AvailabilityException]


def provider_detail(pk: int, *, now: datetime) -> ProviderDetail | None:
    """One provider, their licences, locations, weekly hours and the exceptions still to come."""
    provider = (
        Provider.objects.prefetch_related("locations", "licences")
        .prefetch_related(Prefetch("weekly_hours", WeeklyHours.objects.select_related("location")))
        .filter(pk=pk).first()
    )
    if provider is None:
        return None
    coming = AvailabilityException.objects.filter(provider=provider, ends_at__gte=now).select_related(
        "location"
    )
    hours = list(provider.weekly_hours.all())
    return ProviderDetail(provider=provider, hours=hours, coming_exceptions=list(coming))
