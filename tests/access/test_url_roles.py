"""Default deny, checked: every URL pattern has a row, and every role gets what its row says."""

import pytest
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import include, path

from accounts.access import public
from accounts.models import User
from tests.access.table import (
    PATIENT_A_EMAIL,
    PREFIX_ROWS_ALLOWED,
    ROLES,
    Row,
    build_ctx,
    check_row,
    collect_rows,
    declared_access,
    row_problems,
    uncovered,
    url_patterns,
)

ROWS = collect_rows()


@pytest.mark.django_db
def test_every_url_pattern_and_its_view_has_a_row_in_the_access_table() -> None:
    missing = uncovered(url_patterns(), ROWS, build_ctx())
    assert not missing, "URL patterns without a row in tests/access/rows_<app>.py:\n  " + "\n  ".join(missing)


def test_every_row_names_a_real_url_and_every_role() -> None:
    names = {pattern.name for pattern in url_patterns()}
    problems = [problem for row in ROWS for problem in row_problems(row, names)]
    assert not problems, "\n".join(problems)


def test_every_view_outside_the_django_admin_declares_who_may_use_it() -> None:
    undeclared = [
        pattern.label for pattern in url_patterns()
        if not pattern.name.startswith(PREFIX_ROWS_ALLOWED) and declared_access(pattern.view) is None
    ]
    assert not undeclared, "Views without an accounts.access decorator:\n  " + "\n  ".join(undeclared)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.label for row in ROWS])
def test_each_role_gets_what_the_row_expects(row: object) -> None:
    problems = check_row(row, build_ctx())
    assert not problems, "\n".join(problems)


# The table checks itself: each kind of mistake it exists to catch is caught.


def leaky_refusal(request: HttpRequest) -> HttpResponse:
    patient_a = User.objects.get(email=PATIENT_A_EMAIL)
    User.objects.filter(pk=patient_a.pk).update(first_name="Changed")
    return HttpResponseForbidden(f"Refused, but here is {patient_a.email}")


urlpatterns = [
    path("accounts/", include("accounts.urls")),
    path("leaky/", public(leaky_refusal), name="leaky"),
]


def other_refusal(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden("Refused")


def another_refusal(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden("Refused too")


# Stands in for the Django admin: one prefix row covers all of it, named or not.
admin_patterns = [path("", public(other_refusal), name="index"), path("group/", public(other_refusal))]


class DuplicateNameUrls:
    """A URLconf where a new view reuses the name of a view that has a row."""

    urlpatterns = [
        path("leaky/", public(leaky_refusal), name="leaky"),
        path("leaky/<int:pk>/", public(other_refusal), name="leaky"),
        path("admin/", include((admin_patterns, "admin"))),
    ]


class SameNameSameArgumentsUrls:
    """A URLconf where a new view takes both the name and the arguments of a view that has a row."""

    urlpatterns = [
        path("leaky/", public(leaky_refusal), name="leaky"),
        path("also-leaky/", public(another_refusal), name="leaky"),
    ]


LEAKY = "leaky (/leaky/ -> tests.access.test_url_roles.leaky_refusal)"
LEAKY_PK = "leaky (/leaky/<int:pk>/ -> tests.access.test_url_roles.other_refusal)"
ALSO_LEAKY = "leaky (/also-leaky/ -> tests.access.test_url_roles.another_refusal)"


def test_a_view_reusing_the_name_of_a_checked_view_is_reported_as_without_a_row() -> None:
    rows = [Row("leaky", expect={}), Row("admin:index", covers="admin:", expect={})]

    assert uncovered(url_patterns(DuplicateNameUrls), rows, ctx=None, urlconf=DuplicateNameUrls) == [LEAKY_PK]


def test_a_row_reaches_the_pattern_its_arguments_resolve_to_and_the_admin_prefix_covers_many() -> None:
    rows = [Row("leaky", expect={}), Row("leaky", kwargs={"pk": 1}, expect={}),
            Row("admin:index", covers="admin:", expect={})]

    assert uncovered(url_patterns(DuplicateNameUrls), rows, ctx=None, urlconf=DuplicateNameUrls) == []


def test_a_view_taking_the_name_and_arguments_of_a_checked_view_leaves_one_of_them_reported() -> None:
    urls = SameNameSameArgumentsUrls

    missing = uncovered(url_patterns(urls), [Row("leaky", expect={})], ctx=None, urlconf=urls)

    # The row's URL now reaches only one of the two views; the other has no row.
    assert missing in ([LEAKY], [ALSO_LEAKY])


def test_rows_with_unknown_names_missing_roles_or_other_prefixes_are_reported() -> None:
    row = Row("app:nowhere", covers="app:", expect={"anonymous": "maybe"})
    problems = " ".join(row_problems(row, names={"app:somewhere"}))
    assert "no URL pattern has this name" in problems
    assert "expect must give exactly the roles" in problems
    assert "not a status or" in problems
    assert "prefix rows exist only for the Django admin" in problems


@pytest.mark.django_db
def test_a_role_getting_something_other_than_its_row_says_is_reported() -> None:
    row = Row("accounts:staff-list", expect={"anonymous": "login", "patient_a": 200, "patient_b": 403,
                                             "clinician": 403, "admin": "login"})
    problems = check_row(row, build_ctx())
    assert problems == [
        "GET accounts:staff-list as patient_a: expected 200, got 403",
        "GET accounts:staff-list as admin: expected login, got 200",
    ]


@pytest.mark.django_db
@pytest.mark.urls("tests.access.test_url_roles")
def test_a_refusal_that_shows_patient_a_data_or_writes_is_reported() -> None:
    problems = check_row(Row("leaky", expect=dict.fromkeys(ROLES, 403)), build_ctx())
    assert f"GET leaky as patient_b: the refusal shows patient A's data ['{PATIENT_A_EMAIL}']" in problems
    assert "GET leaky as clinician: the request was refused but changed the database" in problems
    assert not [p for p in problems if "patient_a: the refusal shows" in p]
