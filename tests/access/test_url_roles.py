"""Default deny, checked: every URL pattern has a row, and every role gets what its row says."""

import pytest

from tests.access.table import (
    PREFIX_ROWS_ALLOWED,
    build_ctx,
    check_row,
    collect_rows,
    declared_access,
    row_problems,
    uncovered,
    url_callbacks,
    url_names,
)

ROWS = collect_rows()


def test_every_url_pattern_has_a_row_in_the_access_table() -> None:
    missing = uncovered(list(url_names()), ROWS)
    assert not missing, "URL patterns without a row in tests/access/rows_<app>.py:\n  " + "\n  ".join(missing)


def test_every_row_names_a_real_url_and_every_role() -> None:
    names = set(url_names())
    problems = [problem for row in ROWS for problem in row_problems(row, names)]
    assert not problems, "\n".join(problems)


def test_every_view_outside_the_django_admin_declares_who_may_use_it() -> None:
    undeclared = [
        name for name, view in url_callbacks()
        if not name.startswith(PREFIX_ROWS_ALLOWED) and declared_access(view) is None
    ]
    assert not undeclared, "Views without an accounts.access decorator:\n  " + "\n  ".join(undeclared)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.label for row in ROWS])
def test_each_role_gets_what_the_row_expects(row: object) -> None:
    problems = check_row(row, build_ctx())
    assert not problems, "\n".join(problems)
