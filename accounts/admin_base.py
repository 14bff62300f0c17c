"""The base of every ModelAdmin: no lookup, search or ordering on anything the list does not show.

Django's admin accepts a query-string lookup on any local field (`?body__regex=...`), and its "N results"
count then answers yes or no for each guess: enough to read a password-reset link out of a hidden
column. Here a changelist accepts only the parameters of the filters it declares, searches only columns
it shows and orders only by them. Anything else is refused with a 400 (DisallowedModelAdminLookup).
ClinicAdminSite.register applies the mixin to every admin, including those of third-party apps.
"""

import re

from django.contrib import admin
from django.contrib.admin import FieldListFilter, ModelAdmin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.http import HttpRequest

ORDER_PART = re.compile(r"-?(\d+)")
SEARCH_PREFIXES = "^=@"


def shown_columns(model: type[Model], list_display: object) -> frozenset[str]:
    """The list_display entries that name a model field (a path across relations counts)."""
    shown = set()
    for name in list_display:
        try:
            if isinstance(name, str):
                get_fields_from_path(model, name)
                shown.add(name)
        except (FieldDoesNotExist, NotRelationField):
            continue
    return frozenset(shown)


def filter_path(list_filter: object) -> str | None:
    """The field path a list_filter entry filters on; None for a filter class (reviewed code)."""
    if isinstance(list_filter, (list, tuple)):
        return list_filter[0]
    return list_filter if isinstance(list_filter, str) else None


class LockdownChangeList(ChangeList):
    """A changelist that refuses an ordering on any column it does not offer to sort by."""

    def get_ordering(self, request: HttpRequest, queryset: QuerySet) -> list:
        sortable = set(self.sortable_by or ())
        for part in filter(None, (self.params.get(ORDER_VAR) or "").split(".")):
            match = ORDER_PART.fullmatch(part)
            index = int(match.group(1)) if match else len(self.list_display)
            if index >= len(self.list_display) or self.list_display[index] not in sortable:
                raise DisallowedModelAdminLookup(f"Ordering by {part} not allowed")
        return super().get_ordering(request, queryset)


class LookupLockdownMixin:
    """Put first in the bases of a ModelAdmin: filters, search and ordering only on shown columns."""

    def shown(self, request: HttpRequest) -> frozenset[str]:
        return shown_columns(self.model, self.get_list_display(request))

    def get_list_filter(self, request: HttpRequest) -> list:
        shown = self.shown(request)
        return [f for f in super().get_list_filter(request) if filter_path(f) in {None, *shown}]

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        shown = self.shown(request)
        return [name for name in super().get_search_fields(request) if name.lstrip(SEARCH_PREFIXES) in shown]

    def get_sortable_by(self, request: HttpRequest) -> list[str]:
        shown = self.shown(request)
        return [name for name in super().get_sortable_by(request) if name in shown]

    def get_changelist(self, request: HttpRequest, **kwargs: object) -> type[ChangeList]:
        return LockdownChangeList

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        if (lookup, value) in self.popup_lookups():
            return True
        return request is not None and lookup in self.filter_parameters(request)

    def popup_lookups(self) -> set[tuple[str, str]]:
        """The fixed lookups of limit_choices_to that Django's own raw-id popups send (values set in code)."""
        pairs = set()
        for lookups in self.model._meta.related_fkey_lookups:
            pairs.update(url_params_from_lookup_dict(lookups() if callable(lookups) else lookups).items())
        return pairs

    def filter_parameters(self, request: HttpRequest) -> set[str]:
        """The query-string keys that the declared filters and date drill-down read."""
        keys = set()
        for list_filter in self.get_list_filter(request):
            keys.update(self.filter_spec(list_filter, request).expected_parameters())
        if self.date_hierarchy and self.date_hierarchy in self.shown(request):
            keys.update(f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day"))
        return keys

    def filter_spec(self, list_filter: object, request: HttpRequest) -> admin.ListFilter:
        """The filter as the changelist builds it (ChangeList.get_filters), with no parameters given."""
        if callable(list_filter):
            return list_filter(request, {}, self.model, self)
        path, factory = list_filter if isinstance(list_filter, (list, tuple)) else (list_filter, None)
        field = get_fields_from_path(self.model, path)[-1]
        factory = factory or FieldListFilter.create
        return factory(field, request, {}, self.model, self, field_path=path)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple:
        if search_term and not self.get_search_fields(request):
            raise DisallowedModelAdminLookup("This list has no search.")
        return super().get_search_results(request, queryset, search_term)

    def to_field_allowed(self, request: HttpRequest, to_field: str) -> bool:
        return to_field in {self.opts.pk.name, self.opts.pk.attname}

    def check(self, **kwargs: object) -> list[checks.CheckMessage]:
        return [*super().check(**kwargs), *lockdown_errors(self)]


def lockdown_errors(model_admin: ModelAdmin) -> list[checks.Error]:
    """Declared searches, filters and date drill-downs on columns the list does not show."""
    shown = shown_columns(model_admin.model, model_admin.list_display)
    declared = [
        *(("searches", name.lstrip(SEARCH_PREFIXES)) for name in model_admin.search_fields),
        *(("filters on", filter_path(item)) for item in model_admin.list_filter if filter_path(item)),
        *([("drills down by", model_admin.date_hierarchy)] if model_admin.date_hierarchy else []),
    ]
    return [
        checks.Error(
            f"{type(model_admin).__name__} {verb} '{name}', which its list_display does not show.",
            hint="Show the column in list_display, or drop it: a hidden column must not answer lookups.",
            obj=type(model_admin), id="accounts.E101",
        )
        for verb, name in declared if name not in shown
    ]


def locked_down(admin_class: type[ModelAdmin]) -> type[ModelAdmin]:
    """`admin_class` itself if it has the lockdown, else a subclass that puts it first."""
    if issubclass(admin_class, LookupLockdownMixin):
        return admin_class
    attrs = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
    return type(admin_class.__name__, (LookupLockdownMixin, admin_class), attrs)


class ClinicModelAdmin(LookupLockdownMixin, ModelAdmin):
    """The ModelAdmin every admin in the project derives from."""
