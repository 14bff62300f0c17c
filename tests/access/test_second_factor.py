"""Staff signed in with a password but no second factor reach no staff page, for every row of the table.

For each row that lets a clinician or an admin in, that person is signed in with the password step only
(no authenticator app yet, or an app whose code was not entered) and must get a redirect to the
second-factor step or a 403: never the page, no change to the data, nothing of patient A's.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import PUBLIC, SETUP_STEP, VERIFY_STEP
from tests.access.table import (
    Ctx,
    Row,
    build_ctx,
    collect_rows,
    declared_access,
    describe,
    leaks,
    project_snapshot,
    resolve,
    url_callbacks,
)

STAFF = ("clinician", "admin")
REFUSED = (403, "login")
STATES = {"no app yet": SETUP_STEP, "an app but no code entered": VERIFY_STEP}
VIEWS = dict(url_callbacks())


def guarded(row: Row) -> bool:
    """Whether a half-signed-in session must be kept out of the row's view (not public, not a 2FA step)."""
    view = VIEWS[row.name]
    return declared_access(view) != PUBLIC and not getattr(view, "before_second_factor", False)


def staff_let_in(row: Row) -> list[str]:
    return [role for role in STAFF if row.expect[role] not in REFUSED]


ROWS = [row for row in collect_rows() if guarded(row) and staff_let_in(row)]


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def password_only_client(ctx: Ctx, role: str, state: str) -> Client:
    user = ctx.user(role)
    TOTPDevice.objects.filter(user=user).delete()
    if STATES[state] == VERIFY_STEP:
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = Client()
    client.force_login(user)
    return client


def problems_for(row: Row, role: str, state: str, ctx: Ctx) -> list[str]:
    client = password_only_client(ctx, role, state)
    url = reverse(row.name, kwargs=resolve(row.kwargs, ctx))
    before = project_snapshot()
    response = getattr(client, row.method)(url, resolve(row.data, ctx))
    where = f"{row.label} as {role} with {state}"
    problems = [] if kept_out(response, STATES[state]) else [f"{where}: got {describe(response)}"]
    if project_snapshot() != before:
        problems.append(f"{where}: the request changed the database")
    return problems + leaks(response, role, ctx, where)


def kept_out(response: HttpResponse, step: str) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(f"{reverse(step)}?next=")
    )


def test_the_check_covers_the_staff_pages_and_the_django_admin() -> None:
    names = {row.name for row in ROWS}
    assert {"screening:home", "accounts:staff-list", "accounts:password-change", "admin:index"} <= names
    assert not names & {"accounts:login", "accounts:two-factor-verify", "accounts:two-factor-setup"}


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.label for row in ROWS])
def test_staff_signed_in_with_a_password_only_reach_no_staff_page(row: Row) -> None:
    ctx = build_ctx()
    problems = []
    for role in staff_let_in(row):
        for state in STATES:
            with rolled_back():
                problems += problems_for(row, role, state, ctx)
    assert not problems, "\n".join(problems)
