"""The Django admin and the staff list as an admin sees them: axe-clean (WCAG 2.1 AA), no sideways scroll."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from screening.models import ClinicSettings, MedicationName
from tests.browser.helpers import sign_in
from tests.browser.test_intake import PASSWORD, WCAG_AA
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
WIDTHS = (1280, 360)


def check_page(page: Page, url: str) -> None:
    """axe finds nothing and nothing scrolls sideways, at desktop and phone width."""
    page.goto(url)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{url} at {width}px\n{results.generate_report()}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"


def test_the_admin_index_a_changelist_and_change_forms_pass_axe_as_an_admin(
    page: Page, base_url: str
) -> None:
    admin = UserFactory(role="admin", email="ada@example.test")
    colleague = UserFactory(role="clinician", email="cal@example.test")
    MedicationName.objects.get_or_create(
        name="sertraline", defaults={"generic": "sertraline", "classes": "NONE"}
    )
    sign_in(page, base_url, admin.email, PASSWORD)
    check_page(page, base_url + reverse("admin:index"))
    check_page(page, base_url + reverse("admin:screening_medicationname_changelist"))
    expect(page.locator("div.breadcrumbs a").first).to_have_css("text-decoration-line", "underline")
    check_page(page, base_url + reverse("admin:accounts_user_change", args=[colleague.pk]))
    settings_row, _ = ClinicSettings.objects.get_or_create(singleton=True)
    check_page(page, base_url + reverse("admin:screening_clinicsettings_change", args=[settings_row.pk]))
    expect(page.get_by_label("Working days to review an intake")).to_have_value("2")


def test_the_admin_pages_show_the_clinics_favicon(page: Page, base_url: str) -> None:
    admin = UserFactory(role="admin", email="icon@example.test")
    sign_in(page, base_url, admin.email, PASSWORD)
    for url in (reverse("accounts:staff-list"), reverse("admin:index")):
        page.goto(base_url + url)
        icon = page.locator('link[rel="icon"]').get_attribute("href")
        response = page.request.get(base_url + icon)
        assert response.ok and response.headers["content-type"].startswith("image/svg+xml")


def test_the_staff_list_fits_a_360px_screen_with_every_detail_and_action(page: Page, base_url: str) -> None:
    admin = UserFactory(role="admin", email="list@example.test")
    UserFactory(role="clinician", email="a-rather-long-address.for-a-clinician@example.test",
                first_name="Casey", last_name="Clinician")
    sign_in(page, base_url, admin.email, PASSWORD)
    check_page(page, base_url + reverse("accounts:staff-list"))
    expect(page.get_by_text("a-rather-long-address.for-a-clinician@example.test").filter(visible=True)) \
        .to_have_count(1)
    expect(page.get_by_role("link", name="Deactivate Casey Clinician").filter(visible=True)).to_have_count(1)
