"""The admin's tool: providers with licences and hours on one page, filters, highlighting, no delete."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from scheduling.models import Licence, Location, Provider, WeeklyHours
from tests.scheduling.factories import LicenceFactory, LocationFactory, ProviderFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)
PROVIDERS = reverse("admin:scheduling_provider_changelist")
ADD_PROVIDER = reverse("admin:scheduling_provider_add")


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel("2026-06-15 12:00:00-04:00", tick=False) as traveller:
        yield traveller


def inline(prefix: str, rows: list[dict]) -> dict:
    """The management form and rows of an inline formset, as the admin page posts them."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def provider_post(location: Location, *, hours_at: Location | None = None, **fields: str) -> dict:
    return {
        "name": "Dr Ana Ortiz", "credential": "MD", "npi": "1234567893",
        "routes": ["intramuscular", "iv_infusion"], "locations": [str(location.pk)],
        "accepts_new_patients": "on", "active": "on", **fields,
        **inline("licences", [{"state": "NY", "number": "MD-123", "expires_on": "2027-03-31"}]),
        **inline("weekly_hours", [{"location": str((hours_at or location).pk), "weekday": "0",
                                   "starts": "09:00", "ends": "12:00"}]),
        **inline("exceptions", []),
    }


def test_an_admin_adds_a_provider_with_licence_and_hours_on_one_page(admin_client: Client) -> None:
    location = LocationFactory()
    response = admin_client.post(ADD_PROVIDER, provider_post(location))
    assert response.status_code == 302, response.content.decode()[:3000]
    provider = Provider.objects.get()
    assert provider.routes == ["iv_infusion", "intramuscular"]  # the clinic's order, whatever was ticked
    assert [str(lic) for lic in provider.licences.all()] == ["NY MD-123 (expires 2027-03-31)"]
    assert WeeklyHours.objects.get().location == location


def test_a_wrong_npi_check_digit_is_refused_in_words(admin_client: Client) -> None:
    response = admin_client.post(ADD_PROVIDER, provider_post(LocationFactory(), npi="1234567890"))
    assert response.status_code == 200
    assert "check digit does not match" in response.content.decode()
    assert not Provider.objects.exists()


def test_hours_at_a_location_the_provider_is_not_at_are_refused(admin_client: Client) -> None:
    here, there = LocationFactory(), LocationFactory(name="Elsewhere")
    response = admin_client.post(ADD_PROVIDER, provider_post(here, hours_at=there))
    assert response.status_code == 200
    assert "Tick Elsewhere in the provider&#x27;s locations first" in response.content.decode()
    assert not Provider.objects.exists()


def test_licences_expiring_within_30_days_are_highlighted_in_words(admin_client: Client) -> None:
    soon = LicenceFactory(state="NJ", expires_on=TODAY + timedelta(days=12))
    LicenceFactory(provider=soon.provider, state="NY", expires_on=TODAY + timedelta(days=31))
    LicenceFactory(state="CA", expires_on=TODAY - timedelta(days=1))
    html = admin_client.get(PROVIDERS).content.decode()
    assert '<strong class="licence-expiring">Expires in 12 days</strong>' in html
    assert html.count('class="licence-expiring"') == 1
    assert '<strong class="licence-expired">Expired</strong>' in html
    page = admin_client.get(reverse("admin:scheduling_provider_change", args=[soon.provider.pk]))
    assert "Expires in 12 days" in page.content.decode()


def test_the_expiring_filter_lists_only_providers_with_a_licence_lapsing_soon(admin_client: Client) -> None:
    soon = LicenceFactory(expires_on=TODAY + timedelta(days=30), provider__name="Dr Soon")
    LicenceFactory(expires_on=TODAY + timedelta(days=31), provider__name="Dr Later")
    html = admin_client.get(PROVIDERS, {"licence": "expiring"}).content.decode()
    assert soon.provider.name in html and "Dr Later" not in html


def test_filters_by_route_location_and_state_and_search_by_name_or_npi(admin_client: Client) -> None:
    albany = LocationFactory(name="Albany clinic")
    iv = ProviderFactory(name="Dr Vein", routes=["iv_infusion"], locations=[albany])
    spray = ProviderFactory(name="Dr Spray", routes=["esketamine_nasal_spray"])
    LicenceFactory(provider=spray, state="CA")

    def names(**query: str) -> set[str]:
        html = admin_client.get(PROVIDERS, query).content.decode()
        return {name for name in ("Dr Vein", "Dr Spray") if name in html}

    assert names(route="iv_infusion") == {"Dr Vein"}
    assert names(location=str(albany.pk)) == {"Dr Vein"}
    assert names(licensed_in="CA") == {"Dr Spray"}
    assert names(q="Spray") == {"Dr Spray"}
    assert names(q=iv.npi) == {"Dr Vein"}


def test_deactivating_keeps_the_provider_and_its_history(admin_client: Client) -> None:
    provider = ProviderFactory()
    response = admin_client.post(PROVIDERS, {"action": "deactivate", "_selected_action": [provider.pk]})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.active is False
    assert [row.active for row in provider.history.order_by("history_date")] == [True, False]


def test_providers_and_locations_cannot_be_deleted(admin_client: Client) -> None:
    provider, location = ProviderFactory(), LocationFactory()
    for name, row in (("provider", provider), ("location", location)):
        assert admin_client.get(reverse(f"admin:scheduling_{name}_delete", args=[row.pk])).status_code == 403
    assert Licence.objects.count() == 0 and Provider.objects.count() == 1


def test_the_changelist_reads_a_fixed_number_of_queries(
    admin_client: Client, django_assert_max_num_queries: object
) -> None:
    for _ in range(8):
        LicenceFactory(provider=ProviderFactory(locations=[LocationFactory()]))
    with django_assert_max_num_queries(20):
        assert admin_client.get(PROVIDERS).status_code == 200


@pytest.mark.parametrize("client_fixture", ["clinician_client", "patient_client"])
def test_no_other_role_reaches_the_admin_tool(client_fixture: str, request: pytest.FixtureRequest) -> None:
    client = request.getfixturevalue(client_fixture)
    assert client.get(PROVIDERS).status_code == 403
