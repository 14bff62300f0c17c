"""The access log in Chromium: an admin searches it with the keyboard; a patient sees who opened their record.

Both pages pass axe and fit 360 px. With SCREENSHOT_DIR set, each page is saved there at 1280 and 360 px.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from screening import services
from screening.models import CrisisAlert
from tests.audit.conftest import log_access
from tests.browser.helpers import sign_in
from tests.browser.test_screening import PASSWORD, URGENT_ANSWERS, assert_accessible, tab_to
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.browser
NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}
SIDEWAYS_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check_both_widths(page: Page, name: str) -> None:
    """axe finds nothing and nothing scrolls sideways, at 1280 and at 360 px."""
    for label, size in (("1280", WIDE), ("360", NARROW)):
        page.set_viewport_size(size)
        assert_accessible(page)
        overflow = page.evaluate(SIDEWAYS_OVERFLOW)
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {label}px"
        if directory := os.environ.get("SCREENSHOT_DIR"):
            page.screenshot(path=str(Path(directory) / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(WIDE)


def test_an_admin_finds_who_opened_a_patient_s_record_with_the_keyboard(page: Page, base_url: str) -> None:
    casey = UserFactory(role="clinician", first_name="Casey", last_name="Carer", email="casey@example.test")
    alice = UserFactory(role="patient", first_name="Alice", last_name="Quill", email="alice@example.test")
    start = datetime(2026, 6, 1, 13, 0, tzinfo=UTC)
    for n in range(55):
        reader, patient = UserFactory(role="clinician"), UserFactory(role="patient")
        log_access(reader, patient, at=start + timedelta(minutes=n))
    log_access(casey, alice, at=datetime(2026, 6, 15, 14, 5, tzinfo=UTC))
    admin = UserFactory(role="admin", email="ada@example.test")
    sign_in(page, base_url, admin.email, PASSWORD)

    page.goto(base_url + reverse("audit:access-log"))
    expect(page.get_by_text("56 lines, newest first.")).to_be_visible()
    expect(page.get_by_text("Page 1 of 2", exact=True)).to_be_visible()
    check_both_widths(page, "access-log")

    page.get_by_label("Patient", exact=True).focus()
    page.keyboard.type("alice@example.test")
    tab_to(page, "Search")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Casey Carer")
    expect(rows.first).to_contain_text(f"P-{alice.pk}")
    expect(page.locator("main")).not_to_contain_text("Quill")
    check_both_widths(page, "access-log-filtered")

    page.get_by_label("From").fill("2026-06-20")
    page.get_by_label("To").fill("2026-06-10")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("The end date must be the same as or after")
    check_both_widths(page, "access-log-error")


def test_a_patient_sees_on_the_dashboard_who_opened_their_record(page: Page, base_url: str) -> None:
    alice = UserFactory(role="patient", email="alice@example.test")
    intake = IntakeFactory(patient=alice, document=make_document(**URGENT_ANSWERS))
    services.screen_intake(intake=intake, reason="submitted")
    casey = UserFactory(role="clinician", first_name="Casey", last_name="Carer", email="casey@example.test")
    sign_in(page, base_url, casey.email, PASSWORD)
    page.goto(base_url + reverse("screening:alert-detail", args=[CrisisAlert.objects.get().pk]))
    page.context.clear_cookies()

    sign_in(page, base_url, alice.email, PASSWORD)
    page.goto(base_url + reverse("patients:dashboard"))
    section = page.get_by_role("region", name="Who at the clinic has opened your record")
    expect(section.get_by_role("listitem")).to_have_count(1)
    expect(section).to_contain_text("Casey Carer (clinician) opened your record on")
    check_both_widths(page, "dashboard-record-access")

    for day in range(6):
        log_access(casey, alice, at=datetime(2026, 6, 1 + day, 15, 0, tzinfo=UTC))
    page.reload()
    tab_to(page, "See all 7 times")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has opened your record")
    expect(page.locator("main tbody tr")).to_have_count(7)
    check_both_widths(page, "record-access-patient")
