"""Named fixtures for every role, and the rule that service-marked tests never skip in CI."""

import pytest
from django.db import connections
from django.test import Client

from tests.factories import UserFactory
from tests.second_factor import force_login_verified
from tests.services import require_marked_services, require_service  # noqa: F401 (re-exported)

SERVICE_MARKERS = {"postgres", "redis", "browser"}


# The fixtures through which pytest-django gives a test a transactional database, besides the marker.
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test restores the migrated data (role groups, medication dictionary).

    A transactional test empties the tables when it ends. Without serialized rollback the next
    transactional test would run without the rows that data migrations created, and one that does
    use serialized rollback would collide with the content types re-created in between. A test is
    transactional by its marker or by a fixture it uses, even indirectly (a worker fixture that
    requests `transactional_db`), so both are looked at, as pytest-django does.
    """
    for item in items:
        if is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def is_transactional(item: pytest.Item) -> bool:
    """Whether pytest-django will run this test in a TransactionTestCase (marker or fixture)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """The test databases, with the migrated rows kept for every connection object of this process.

    Serialized rollback restores the rows data migrations made (role groups, the medication dictionary)
    from `_test_serialized_contents` on the connection object, and silently skips when the object lacks
    it. Playwright's sync API runs the browser tests in a greenlet with contextvars of its own, where
    `connections["default"]` is a fresh object: after the first browser test every transactional test
    would have run without the role groups. Keeping the contents on the class gives every object them.
    """
    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _marked_services(request: pytest.FixtureRequest) -> None:
    require_marked_services(request.node)


@pytest.fixture(autouse=True)
def _eager_celery(settings: object) -> None:
    # CI exports a real broker URL; tests still run tasks in-process unless they start a worker.
    settings.CELERY_TASK_ALWAYS_EAGER = True


def _client_for(role: str) -> Client:
    return force_login_verified(Client(), UserFactory(role=role))


@pytest.fixture
def patient_client(db: None) -> Client:
    return _client_for("patient")


@pytest.fixture
def clinician_client(db: None) -> Client:
    return _client_for("clinician")


@pytest.fixture
def admin_client(db: None) -> Client:
    return _client_for("admin")
