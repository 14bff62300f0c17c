"""The suite's own rule: every transactional test restores the migrated data, however it became one."""

import pytest


@pytest.fixture
def worker_like(transactional_db: None) -> None:
    """Stands for a fixture (a real Celery worker) that needs committed rows, so asks for transactional_db."""


def test_a_test_made_transactional_by_a_fixture_gets_serialized_rollback(
    request: pytest.FixtureRequest, worker_like: None
) -> None:
    # Without it, the flush after this test re-creates content types, and the next test that
    # restores the serialized data fails with an IntegrityError on django_content_type.
    marker = request.node.get_closest_marker("django_db")
    assert marker.kwargs == {"transaction": True, "serialized_rollback": True}
