"""docker-compose.yml describes the whole service; no Docker engine runs here, so its structure is checked."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SERVICES = {"postgres", "redis", "web", "worker", "crisis-worker", "beat"}


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_compose_runs_the_database_broker_web_worker_and_beat(services: dict) -> None:
    assert services.keys() >= SERVICES
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


def test_the_app_services_run_gunicorn_the_worker_and_beat(services: dict) -> None:
    assert services["web"]["command"][:2] == ["gunicorn", "clinic.wsgi"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "clinic", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "clinic", "beat"]


def test_the_app_services_take_their_settings_from_dot_env_and_build_this_image(services: dict) -> None:
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["env_file"] == ".env"
        assert services[name]["build"] == "."


def test_the_app_waits_for_healthy_services_and_applied_migrations(services: dict) -> None:
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_the_database_password_comes_from_dot_env_not_from_the_file(services: dict) -> None:
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")


def test_the_image_builds_assets_collects_static_files_and_runs_as_a_non_root_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in dockerfile
    assert "npm ci" in dockerfile
    assert "collectstatic --no-input" in dockerfile
    assert "\nUSER clinic\n" in dockerfile


def test_crisis_alerts_have_a_worker_of_their_own_and_the_ordinary_worker_leaves_them(services: dict) -> None:
    crisis, ordinary = services["crisis-worker"]["command"], services["worker"]["command"]
    assert crisis[:4] == ["celery", "-A", "clinic", "worker"]
    assert crisis[crisis.index("--queues") + 1] == "crisis"
    assert ordinary[ordinary.index("--queues") + 1] == "celery"
    assert services["crisis-worker"]["healthcheck"]["test"]
    assert services["crisis-worker"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_the_web_service_is_healthy_when_healthz_answers(services: dict) -> None:
    assert "http://127.0.0.1:8000/healthz" in " ".join(services["web"]["healthcheck"]["test"])
