"""Audit test helpers: access records written the way a page writes them."""

from collections.abc import Callable
from datetime import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import resolve

from accounts.models import User
from audit.models import AccessRecord
from audit.services import record_access

ALERT_PATH = "/screening/alerts/7/"


def log_access(
    staff: User, patient: User, at: datetime | None = None, path: str = ALERT_PATH
) -> AccessRecord:
    """Record `staff` opening `patient`'s record on `path` (the crisis alert page by default), at `at`."""
    request = RequestFactory().get(path, REMOTE_ADDR="203.0.113.9")
    request.user = staff
    request.resolver_match = resolve(path)
    if at is None:
        return record_access(request=request, patient=patient)
    with time_machine.travel(at, tick=False):
        return record_access(request=request, patient=patient)


@pytest.fixture
def logged(db: None) -> Callable[..., AccessRecord]:
    return log_access
