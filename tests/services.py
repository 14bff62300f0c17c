"""Whether the real services behind the `postgres`, `redis` and `browser` markers are here."""

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

CHROMIUM = Path("/usr/bin/chromium")
CLINICAL_SPEC_DIR = Path(
    os.environ.get("CLINICAL_SPEC_DIR", Path(__file__).resolve().parents[2] / "shared" / "clinical")
)


def clinical_spec(name: str) -> Path:
    """A file of the clinical specification, which CI checks out beside the clone (../shared)."""
    path = CLINICAL_SPEC_DIR / name
    require_service("the clinical specification", path.exists(), f"{path} is not beside the clone")
    return path


def require_service(name: str, available: bool, why: str) -> None:
    """Skip a test whose service is missing, except in CI, where that is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not available: {why}")
    pytest.skip(f"{name} not available: {why}")


def postgres_problem() -> str | None:
    """Why the test database is not PostgreSQL, or None when it is."""
    if connection.vendor == "postgresql":
        return None
    return f"the test database is {connection.vendor}; set DATABASE_URL=postgres://..."


def redis_problem() -> str | None:
    """Why the Celery broker is not a reachable Redis, or None when it is."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        return f"CELERY_BROKER_URL is {url!r}, not redis://..."
    return ping_problem(url)


@cache
def ping_problem(url: str) -> str | None:
    """Why Redis at `url` does not answer PING (asked once per run), or None when it does."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        return f"{url} does not answer: {exc}"
    return None


def chromium_problem() -> str | None:
    """Why Debian's Chromium is missing, or None when it is installed."""
    if os.access(CHROMIUM, os.X_OK):
        return None
    return f"{CHROMIUM} is missing; install Debian's chromium package"


PROBLEMS: dict[str, Callable[[], str | None]] = {
    "postgres": postgres_problem,
    "redis": redis_problem,
    "browser": chromium_problem,
}


def require_marked_services(item: pytest.Item) -> None:
    """Skip (locally) or fail (in CI) a test whose marked services are missing."""
    for name, problem_of in PROBLEMS.items():
        if item.get_closest_marker(name) is None:
            continue
        problem = problem_of()
        require_service(name, problem is None, problem or "")
