"""Providers and locations as an admin manages and a clinician reads them: axe-clean, no sideways scroll."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from scheduling.models import AvailabilityException, SchedulingSettings
from tests.browser.helpers import sign_in
from tests.browser.test_admin_pages import check_page
from tests.browser.test_intake import PASSWORD
from tests.factories import UserFactory
from tests.scheduling.factories import (
    LicenceFactory,
    LocationFactory,
    ProviderFactory,
    TelehealthLocationFactory,
    WeeklyHoursFactory,
    cleared_case,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = Path("/tmp/sch")


def clinic() -> dict:
    """Two locations, a provider at both with hours, a licence expiring soon, time off to come."""
    albany = LocationFactory(name="Albany clinic", esketamine_certified=True)
    video = TelehealthLocationFactory(name="Video consultations")
    chen = ProviderFactory(name="Dr Maya Chen", locations=[albany, video])
    today = timezone.localdate()
    LicenceFactory(provider=chen, state="NY", number="NY-204411", expires_on=today + timedelta(days=12))
    LicenceFactory(provider=chen, state="NJ", number="NJ-99812", expires_on=today + timedelta(days=400))
    WeeklyHoursFactory(provider=chen, location=albany)
    WeeklyHoursFactory(provider=chen, location=video, weekday=2)
    AvailabilityException.objects.create(
        provider=chen, kind="time_off", starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=4), note="Conference",
    )
    lapsed = ProviderFactory(name="Dr Lee Park", credential="NP", locations=[albany])
    LicenceFactory(provider=lapsed, state="NY", expires_on=today - timedelta(days=2))
    return {"chen": chen, "albany": albany, "video": video}


def walk(page: Page, base_url: str, url: str, name: str) -> None:
    """axe and the 360 px check, with a screenshot at each width to look at."""
    check_page(page, base_url + url)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    # A long page at phone width, a screen at a time, to read at full size.
    height = page.evaluate("document.documentElement.scrollHeight")
    for part, top in enumerate(range(0, min(height, 8 * 900), 900)):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-360-part{part}.png"))


def test_the_admins_provider_tool_passes_axe_and_fits_a_phone(page: Page, base_url: str) -> None:
    rows = clinic()
    admin = UserFactory(role="admin", email="ada@example.test")
    sign_in(page, base_url, admin.email, PASSWORD)
    walk(page, base_url, reverse("admin:scheduling_provider_changelist"), "admin-providers")
    expect(page.get_by_text("Expires in 12 days").first).to_be_visible()
    chen, albany = rows["chen"].pk, rows["albany"].pk
    walk(page, base_url, reverse("admin:scheduling_provider_change", args=[chen]), "admin-provider")
    walk(page, base_url, reverse("admin:scheduling_provider_add"), "admin-provider-add")
    walk(page, base_url, reverse("admin:scheduling_location_changelist"), "admin-locations")
    walk(page, base_url, reverse("admin:scheduling_location_change", args=[albany]), "admin-location")
    settings_row = SchedulingSettings.objects.get()
    walk(page, base_url, reverse("admin:scheduling_schedulingsettings_change", args=[settings_row.pk]),
         "admin-settings")
    walk(page, base_url, reverse("scheduling:provider-list"), "staff-providers-admin")
    walk(page, base_url, reverse("scheduling:provider-detail", args=[chen]), "staff-provider-admin")


def test_an_admin_adds_a_licence_on_the_providers_page(page: Page, base_url: str) -> None:
    rows = clinic()
    admin = UserFactory(role="admin", email="lic@example.test")
    sign_in(page, base_url, admin.email, PASSWORD)
    page.goto(base_url + reverse("admin:scheduling_provider_change", args=[rows["chen"].pk]))
    page.get_by_role("button", name="Add another Licence").click()
    row = page.locator("#licences-group tr.dynamic-licences").last
    row.locator("select[name$='-state']").select_option("CT")
    row.locator("input[name$='-number']").fill("CT-5521")
    row.locator("input[name$='-expires_on']").fill("2028-02-29")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert rows["chen"].licences.filter(state="CT", number="CT-5521").exists()


def test_a_clinician_reads_providers_and_why_they_suit_a_case(page: Page, base_url: str) -> None:
    rows = clinic()
    clinician = UserFactory(role="clinician", email="cal@example.test")
    case = cleared_case(["esketamine_nasal_spray"], state="NY", preferred_setting="either")
    sign_in(page, base_url, clinician.email, PASSWORD)
    walk(page, base_url, reverse("scheduling:provider-list"), "staff-providers-clinician")
    expect(page.get_by_role("link", name="Manage providers")).to_have_count(0)
    chen = rows["chen"].pk
    walk(page, base_url, reverse("scheduling:provider-detail", args=[chen]), "staff-provider-clinician")
    walk(page, base_url, reverse("scheduling:case-providers", args=[case.pk]), "case-providers")
    expect(page.get_by_text("location not certified for esketamine")).to_be_visible()
    expect(page.get_by_text("licence in NY expired")).to_be_visible()
