"""The clinician's screening pages in Chromium: an alert acknowledged with the keyboard; axe finds nothing."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from screening import services
from screening.models import CrisisAlert
from tests.browser.helpers import sign_in
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery-9"  # the factory's password
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
URGENT_ANSWERS = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
MAX_TABS = 40


def assert_accessible(page: Page) -> None:
    # The screening content only: the shared header and footer are the layout's to check.
    results = Axe().run(page, context="main", options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def tab_to(page: Page, name: str) -> None:
    """Press Tab until the focused element's text contains `name`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if name in page.evaluate("document.activeElement.textContent"):
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def test_a_clinician_acknowledges_an_alert_with_the_keyboard(page: Page, base_url: str) -> None:
    clinician = UserFactory(role="clinician", email="casey@example.test", last_name="Carer")
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    services.screen_intake(intake=intake, reason="submitted")
    alert = CrisisAlert.objects.get()
    sign_in(page, base_url, clinician.email, PASSWORD)

    page.goto(base_url + reverse("screening:home"))
    assert_accessible(page)
    tab_to(page, f"Alert {alert.pk}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "Acknowledge")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Alert acknowledged. Contact the patient today.")
    expect(page.locator("main")).to_contain_text("Sam Carer")
    assert_accessible(page)


def test_the_rule_catalogue_passes_axe(page: Page, base_url: str) -> None:
    clinician = UserFactory(role="clinician", email="reader@example.test")
    sign_in(page, base_url, clinician.email, PASSWORD)
    page.goto(base_url + reverse("screening:catalogue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening rule catalogue")
    assert_accessible(page)
