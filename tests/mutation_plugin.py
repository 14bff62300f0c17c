"""pytest plugin for `make mutation` only: mutmut's stats see the rule factories run while modules load.

mutmut learns which tests reach a function by recording calls during each test. The rule catalogue calls
its predicate factories (`has_class`, the thresholds) once, at import, before any test, so mutmut would
charge them to whichever test runs first and test their mutants against that test alone. This plugin
charges the calls made during collection to every test instead.
"""

import os

import pytest
from mutmut.state import state

_import_time_hits: set[str] = set()


def collecting_stats() -> bool:
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


def pytest_collection_finish(session: pytest.Session) -> None:
    if collecting_stats():
        _import_time_hits.update(state()._stats)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if collecting_stats():
        state()._stats.update(_import_time_hits)
