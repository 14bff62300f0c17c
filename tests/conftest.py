"""Named fixtures for every role, and the rule that service-marked tests never skip in CI."""

import os

import pytest
from django.test import Client

from tests.factories import UserFactory

SERVICE_MARKERS = {"postgres", "redis", "browser"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def require_service(name: str, available: bool, why: str) -> None:
    """Skip a test whose service is missing, except in CI, where that is a failure."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not available: {why}")
    pytest.skip(f"{name} not available: {why}")


def _client_for(role: str) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role))
    return client


@pytest.fixture
def patient_client(db: None) -> Client:
    return _client_for("patient")


@pytest.fixture
def clinician_client(db: None) -> Client:
    return _client_for("clinician")


@pytest.fixture
def admin_client(db: None) -> Client:
    return _client_for("admin")
