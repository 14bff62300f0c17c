"""The URL x role access table: what each role gets from every URL pattern of the site.

Each app lists its rows in `tests/access/rows_<app>.py` as `ROWS = [Row(...), ...]`. A row names a URL
(namespaced), how to fill its arguments from `ctx`, and what each role gets:

    an int       that exact status code (200, 403, 404, 405, ...)
    "login"      a redirect to the sign-in page
    "redirect"   any other redirect (a successful POST, a role's home page)

Every denial (a 4xx or "login") must also show none of patient A's data and change no row of the
project's tables. Rows run one role at a time inside a savepoint that is rolled back afterwards, so an
allowed write in one request cannot affect the next.

Completeness is checked by pattern and view, not by name: the URL a row builds is resolved, and every
URL pattern's route with its view callable must be reached by some row. A new view that reuses an
existing name is therefore reported, even though a row with that name exists.

`covers` makes one row stand for a whole namespace. It exists only for the Django admin, whose
hundreds of generated patterns are all guarded by one AdminSite.has_permission; no other namespace may
use it.
"""

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls import resolve as resolve_path
from django.utils import timezone

from accounts.models import User
from accounts.services import assign_role
from patients.models import Intake
from screening.services import screen_intake
from tests.factories import UserFactory
from tests.screening.documents import make_document
from tests.second_factor import force_login_verified

ROLES = ("anonymous", "patient_a", "patient_b", "clinician", "admin")
PREFIX_ROWS_ALLOWED = ("admin:",)
EXPECTATION_WORDS = ("login", "redirect")
PATIENT_A_EMAIL = "alice.accesscheck@example.test"
OTHER_USERS = {"patient_b": "patient", "clinician": "clinician", "admin": "admin"}

Expectation = int | str
FromCtx = Callable[["Ctx"], dict] | dict | None


@dataclass(frozen=True)
class Row:
    name: str
    expect: dict[str, Expectation]
    kwargs: FromCtx = None
    method: str = "get"
    data: FromCtx = None
    covers: str | None = None

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.name}"


@dataclass
class Ctx:
    """The people and records every row can point at (built fresh for each test)."""

    patient_a: User
    patient_b: User
    clinician: User
    admin: User
    draft_a: Intake
    intake_a: Intake

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@dataclass(frozen=True)
class Pattern:
    """One URL pattern as the resolver holds it: its namespaced name, its full route and its view."""

    name: str
    route: str
    view: Callable

    @property
    def label(self) -> str:
        return f"{self.name} (/{self.route} -> {view_path(self.view)})"


def url_patterns(urlconf: object = None) -> list[Pattern]:
    """Every URL pattern of the URLconf (the site's by default), walking includes recursively."""
    return list(walk_patterns(get_resolver(urlconf).url_patterns, namespace="", prefix=""))


def url_callbacks(urlconf: object = None) -> Iterator[tuple[str, Callable]]:
    """(namespaced name, view callable) for every URL pattern."""
    for pattern in url_patterns(urlconf):
        yield pattern.name, pattern.view


def walk_patterns(patterns: list, namespace: str, prefix: str) -> Iterator[Pattern]:
    for pattern in patterns:
        route = join_route(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk_patterns(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield Pattern(f"{namespace}{pattern.name or '<unnamed>'}", route, pattern.callback)


def join_route(prefix: str, route: str) -> str:
    """The route as ResolverMatch.route spells it: an included regex loses its leading ^."""
    return prefix + route.removeprefix("^") if prefix else route


def view_path(view: Callable) -> str:
    """Dotted path of a view function, or of the class behind an as_view() callable."""
    target = getattr(view, "view_class", view)
    return f"{target.__module__}.{target.__qualname__}"


def row_target(row: Row, ctx: Ctx | None, urlconf: object = None) -> tuple[str, Callable]:
    """(route, view) of the pattern the row's URL resolves to: what the row actually checks."""
    url = reverse(row.name, kwargs=resolve(row.kwargs, ctx), urlconf=urlconf)
    match = resolve_path(urlparse(url).path, urlconf=urlconf)
    return match.route, match.func


def reached_by(row: Row, ctx: Ctx | None, urlconf: object = None) -> tuple[str, Callable]:
    """row_target, with whatever the row's arguments create rolled back: rows share one context here."""
    if ctx is None:
        return row_target(row, ctx, urlconf)
    with transaction.atomic():
        target = row_target(row, ctx, urlconf)
        transaction.set_rollback(True)
    return target


def declared_access(view: Callable) -> object:
    """The roles a view declared through accounts.access (frozenset, or "public"), or None."""
    if hasattr(view, "allowed_roles"):
        return view.allowed_roles
    view_class = getattr(view, "view_class", None)
    return getattr(getattr(view_class, "dispatch", None), "allowed_roles", None)


def collect_rows() -> list[Row]:
    """The rows of every tests/access/rows_*.py module."""
    package = importlib.import_module("tests.access")
    rows: list[Row] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        if module.startswith("rows_"):
            rows += importlib.import_module(f"tests.access.{module}").ROWS
    return rows


def uncovered(patterns: list[Pattern], rows: list[Row], ctx: Ctx | None, urlconf: object = None) -> list[str]:
    """URL patterns (route and view) that no row reaches: a view reusing another's name has none."""
    names = {pattern.name for pattern in patterns}
    reached = {reached_by(row, ctx, urlconf) for row in rows if not row.covers and row.name in names}
    prefixes = tuple(row.covers for row in rows if row.covers) or ("\0",)
    return sorted(
        pattern.label for pattern in patterns
        if (pattern.route, pattern.view) not in reached and not pattern.name.startswith(prefixes)
    )


def row_problems(row: Row, names: set[str]) -> list[str]:
    """Mistakes in the row itself: unknown URL, missing or unknown roles, a prefix outside the admin."""
    problems = []
    if row.name not in names:
        problems.append(f"{row.label}: no URL pattern has this name")
    if set(row.expect) != set(ROLES):
        problems.append(f"{row.label}: expect must give exactly the roles {ROLES}")
    for role, value in row.expect.items():
        if not isinstance(value, int) and value not in EXPECTATION_WORDS:
            problems.append(f"{row.label}: {role} expects {value!r}, not a status or {EXPECTATION_WORDS}")
    if row.covers and row.covers not in PREFIX_ROWS_ALLOWED:
        problems.append(f"{row.label}: prefix rows exist only for the Django admin, not {row.covers!r}")
    return problems


def build_ctx() -> Ctx:
    """Two patients, a clinician and an admin; patient A has a draft and a submitted, screened intake."""
    patient_a = make_user("patient", email=PATIENT_A_EMAIL, first_name="Alice", last_name="Quibbleworth")
    users = {name: make_user(role) for name, role in OTHER_USERS.items()}
    draft_a = Intake.objects.create(patient=patient_a, answers={"first_name": "Alice"})
    intake_a = Intake.objects.create(
        patient=patient_a, status=Intake.Status.SUBMITTED, document=make_document(),
        submitted_at=timezone.now() - timedelta(hours=1),
    )
    screen_intake(intake=intake_a, reason="submitted")
    return Ctx(patient_a=patient_a, draft_a=draft_a, intake_a=intake_a, **users)


def make_user(role: str, **fields: str) -> User:
    user = UserFactory(role=role, **fields)
    return assign_role(user=user, role=role)


def resolve(value: FromCtx, ctx: Ctx) -> dict:
    return value(ctx) if callable(value) else dict(value or {})


def project_snapshot() -> dict[str, list[dict]]:
    """Every row of every model in the project's own apps, to prove a denied request wrote nothing."""
    own = [a for a in apps.get_app_configs() if Path(a.path).parent == Path(settings.BASE_DIR)]
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for app in own
        for model in app.get_models()
    }


def check_row(row: Row, ctx: Ctx) -> list[str]:
    """Request the row's URL as each role; returns what went against the row's expectations."""
    problems = []
    for role in ROLES:
        with transaction.atomic():
            problems += check_role(row, role, ctx)
            transaction.set_rollback(True)
    return problems


def check_role(row: Row, role: str, ctx: Ctx) -> list[str]:
    client = Client()
    if (user := ctx.user(role)) is not None:
        force_login_verified(client, user)
    url = reverse(row.name, kwargs=resolve(row.kwargs, ctx))
    before = project_snapshot()
    response = getattr(client, row.method)(url, resolve(row.data, ctx))
    where = f"{row.label} as {role}"
    problems = []
    if not meets(response, row.expect[role]):
        problems.append(f"{where}: expected {row.expect[role]}, got {describe(response)}")
    if is_denial(response):
        problems += leaks(response, role, ctx, where)
        if project_snapshot() != before:
            problems.append(f"{where}: the request was refused but changed the database")
    if user is not None and response.status_code == 200 and not is_no_store(response):
        problems.append(f"{where}: a signed-in page without Cache-Control: no-store")
    return problems


def is_no_store(response: HttpResponse) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def meets(response: HttpResponse, expected: Expectation) -> bool:
    if expected == "login":
        return is_login_redirect(response)
    if expected == "redirect":
        return response.status_code in (301, 302, 303, 307, 308) and not is_login_redirect(response)
    return response.status_code == expected


def is_login_redirect(response: HttpResponse) -> bool:
    location = urlparse(response.get("Location", "")).path
    return response.status_code == 302 and location == resolve_url(settings.LOGIN_URL)


def is_denial(response: HttpResponse) -> bool:
    return 400 <= response.status_code < 500 or is_login_redirect(response)


def leaks(response: HttpResponse, role: str, ctx: Ctx, where: str) -> list[str]:
    if role == "patient_a":
        return []
    body = response.content.decode(errors="replace")
    found = [v for v in (ctx.patient_a.email, ctx.patient_a.last_name) if v in body]
    return [f"{where}: the refusal shows patient A's data {found}"] if found else []


def describe(response: HttpResponse) -> str:
    location = response.get("Location")
    return f"{response.status_code}" + (f" -> {location}" if location else "")
