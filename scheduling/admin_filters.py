"""Changelist filters of the provider admin that no shown column can express (reviewed code, no lookups)."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from review.models import Route
from scheduling.models import Licence, Location, Provider
from scheduling.models.providers import EXPIRY_WARNING_DAYS


class LocationFilter(admin.SimpleListFilter):
    title = "location"
    parameter_name = "location"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [(str(pk), name) for pk, name in Location.objects.values_list("pk", "name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(locations__pk=int(value)).distinct() if value and value.isdigit() else queryset


class RouteFilter(admin.SimpleListFilter):
    title = "treatment route"
    parameter_name = "route"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return list(Route.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        route = self.value()
        if route not in Route.values:
            return queryset
        # A JSON list: "contains" has no SQLite form; the providers are few, so read their routes.
        offering = [pk for pk, routes in Provider.objects.values_list("pk", "routes") if route in routes]
        return queryset.filter(pk__in=offering)


class LicenceExpiryFilter(admin.SimpleListFilter):
    title = "licences"
    parameter_name = "licence"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [("expiring", f"A licence expires within {EXPIRY_WARNING_DAYS} days"),
                ("expired", "A licence has expired")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = timezone.localdate()
        if self.value() == "expiring":
            soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
            return queryset.filter(licences__expires_on__range=(today, soon)).distinct()
        if self.value() == "expired":
            return queryset.filter(licences__expires_on__lt=today).distinct()
        return queryset


class LicenceStateFilter(admin.SimpleListFilter):
    title = "licensed in"
    parameter_name = "licensed_in"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        states = sorted(set(Licence.objects.values_list("state", flat=True)))
        return [(state, state) for state in states]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        state = self.value()
        if not state:
            return queryset
        valid = {"licences__state": state, "licences__expires_on__gte": timezone.localdate()}
        return queryset.filter(**valid).distinct()
