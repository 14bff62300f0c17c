"""The patient's dashboard lists who at the clinic opened their record (patients/_record_access.html)."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.audit.conftest import log_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("patients:dashboard")


def section_of(client: Client) -> str:
    html = client.get(DASHBOARD).content.decode()
    start = html.index('aria-labelledby="record-access"')
    return html[start : html.index("</section>", start)]


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_dashboard_names_each_clinician_who_opened_the_record_with_role_and_time() -> None:
    alice = UserFactory(role="patient")
    casey = UserFactory(role="clinician", first_name="Casey", last_name="Carer")
    log_access(casey, alice, at=datetime(2026, 6, 15, 14, 5, tzinfo=UTC))
    section = section_of(signed_in(alice))
    assert "Who at the clinic has opened your record" in section
    assert "Casey Carer (clinician) opened your record on <time" in section
    assert "June 15, 2026 at 10:05 a.m." in section
    assert casey.email not in section


def test_the_dashboard_shows_only_the_patient_s_own_records() -> None:
    alice, bob = UserFactory(role="patient"), UserFactory(role="patient")
    log_access(UserFactory(role="clinician", first_name="Robin", last_name="Reader"), bob)
    section = section_of(signed_in(alice))
    assert "Reader" not in section
    assert "Nobody at the clinic has opened your record yet." in section
    assert "Robin Reader (clinician)" in section_of(signed_in(bob))


def test_the_dashboard_shows_the_latest_five_and_links_to_the_rest() -> None:
    alice, casey = UserFactory(role="patient"), UserFactory(role="clinician")
    for day in range(1, 8):
        log_access(casey, alice, at=datetime(2026, 6, day, 16, 0, tzinfo=UTC))
    section = section_of(signed_in(alice))
    assert section.count("<li>") == 5
    assert "June 7, 2026" in section and "June 2, 2026" not in section
    assert f'href="{reverse("audit:my-record-access")}"' in section and "See all 7 times" in section
