"""The staff's provider pages (read-only for clinicians) and the clinician's "why not this provider" page."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from audit.models import AccessRecord
from tests.scheduling.factories import (
    LicenceFactory,
    LocationFactory,
    ProviderFactory,
    TelehealthLocationFactory,
    WeeklyHoursFactory,
    cleared_case,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)
PROVIDERS = reverse("scheduling:provider-list")


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel("2026-06-15 12:00:00-04:00", tick=False) as traveller:
        yield traveller


def test_a_clinician_reads_providers_with_licences_expiring_soon_marked_in_words(
    clinician_client: Client,
) -> None:
    soon = LicenceFactory(provider__name="Dr Soon", state="NJ", expires_on=TODAY + timedelta(days=3))
    ProviderFactory(name="Dr Gone", active=False)
    html = clinician_client.get(PROVIDERS).content.decode()
    assert "Dr Soon" in html and "Dr Gone" not in html
    assert "Expires in 3 days" in html
    assert "Manage providers" not in html  # clinicians read; admins change, in the admin
    inactive = clinician_client.get(PROVIDERS, {"status": "inactive"}).content.decode()
    assert "Dr Gone" in inactive and "Dr Soon" not in inactive
    detail = clinician_client.get(reverse("scheduling:provider-detail", args=[soon.provider.pk]))
    assert "NJ" in detail.content.decode() and "/django-admin/" not in detail.content.decode()


def test_the_provider_list_searches_by_name(clinician_client: Client) -> None:
    ProviderFactory(name="Dr Ana Ortiz")
    ProviderFactory(name="Dr Ben Cole")
    html = clinician_client.get(PROVIDERS, {"q": "ortiz"}).content.decode()
    assert "Dr Ana Ortiz" in html and "Dr Ben Cole" not in html


def test_an_admin_is_sent_to_the_admin_tool_to_change_a_provider(admin_client: Client) -> None:
    provider = ProviderFactory()
    html = admin_client.get(reverse("scheduling:provider-detail", args=[provider.pk])).content.decode()
    assert reverse("admin:scheduling_provider_change", args=[provider.pk]) in html


def test_the_provider_pages_read_a_fixed_number_of_queries(
    clinician_client: Client, django_assert_max_num_queries: object
) -> None:
    for _ in range(10):
        provider = LicenceFactory().provider
        location = LocationFactory()
        provider.locations.add(location)
        WeeklyHoursFactory(provider=provider, location=location)
    with django_assert_max_num_queries(12):
        assert clinician_client.get(PROVIDERS).status_code == 200
    detail = reverse("scheduling:provider-detail", args=[provider.pk])
    with django_assert_max_num_queries(14):
        assert clinician_client.get(detail).status_code == 200


def test_a_missing_provider_is_a_404(clinician_client: Client) -> None:
    assert clinician_client.get(reverse("scheduling:provider-detail", args=[999999])).status_code == 404


def case_page(intake: object, **query: str) -> str:
    return reverse("scheduling:case-providers", args=[intake.pk]) + (f"?on={query['on']}" if query else "")


def test_the_case_page_says_why_each_provider_is_left_out_and_logs_the_reading(
    clinician_client: Client,
) -> None:
    case = cleared_case(["iv_infusion"], state="NY", preferred_setting="either")
    albany = LocationFactory(name="Albany clinic")
    fine = ProviderFactory(name="Dr Fine", locations=[albany])
    LicenceFactory(provider=fine, state="NY")
    lapsed = ProviderFactory(name="Dr Lapsed", locations=[TelehealthLocationFactory(name="Video")])
    LicenceFactory(provider=lapsed, state="NY", expires_on=date(2026, 6, 1))
    response = clinician_client.get(case_page(case))
    html = " ".join(response.content.decode().split())
    assert "Dr Fine, MD</strong> at Albany clinic" in html
    assert "Dr Lapsed, MD</strong> at Video: licence in NY expired 2026-06-01" in html
    assert AccessRecord.objects.filter(patient=case.patient, action="scheduling:case-providers").count() == 1


def test_the_case_page_checks_the_date_asked_for(clinician_client: Client) -> None:
    case = cleared_case()
    provider = ProviderFactory(name="Dr Fine", locations=[LocationFactory()])
    LicenceFactory(provider=provider, state="NY", expires_on=date(2026, 7, 31))
    html = clinician_client.get(case_page(case, on="2026-08-01")).content.decode()
    assert "licence in NY expired 2026-07-31" in html
    bad = clinician_client.get(case_page(case, on="tomorrow"))
    assert bad.status_code == 200
    assert "Enter the date as year-month-day" in bad.content.decode()


def test_an_uncleared_case_offers_nobody_on_the_case_page(clinician_client: Client) -> None:
    case = cleared_case(status="in_review")
    LicenceFactory(provider=ProviderFactory(name="Dr Fine", locations=[LocationFactory()]))
    html = clinician_client.get(case_page(case)).content.decode()
    assert "No provider is offered for this case on this date." in html
    assert "the case is not cleared for a consultation" in html
