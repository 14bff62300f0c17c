"""Booking in Chromium: a clinician books a cleared case; its patient sees the consultation on the dashboard
with its calendar file; an uncleared case offers no booking anywhere. Every page passes axe and fits 360 px
(with SCREENSHOT_DIR set, each is saved there at 1280 and 360 px)."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from review.models import Route
from scheduling.models import Consultation, SchedulingSettings
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT
from tests.browser.helpers import sign_in
from tests.browser.test_access_log import check_both_widths
from tests.browser.test_screening import PASSWORD
from tests.factories import UserFactory
from tests.review.cases import screened_case
from tests.scheduling.booking import cleared_case
from tests.scheduling.factories import LicenceFactory, LocationFactory, ProviderFactory, WeeklyHoursFactory

pytestmark = pytest.mark.browser


def provider_every_day() -> object:
    """An IV provider licensed in New York, in clinic daily 9:00-17:00 (so slots exist whatever the day)."""
    location = LocationFactory(name="Albany clinic")
    provider = ProviderFactory(name="Dr Maya Chen", routes=[Route.IV_INFUSION], locations=[location])
    LicenceFactory(provider=provider, state="NY")
    for weekday in range(7):
        WeeklyHoursFactory(
            provider=provider, location=location, weekday=weekday, starts=time(9), ends=time(17)
        )
    return provider


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_a_clinician_books_a_cleared_case_and_the_patient_sees_it(page: Page, browser: Browser,
                                                                  base_url: str) -> None:
    provider_every_day()
    casey = UserFactory(role="clinician", email="casey@example.test")
    intake = cleared_case(by=casey)
    sign_in(page, base_url, casey.email, PASSWORD)

    # Two days ahead, so the patient may still move it (the cut-off is 24 hours).
    later = (timezone.localdate() + timedelta(days=2)).isoformat()
    page.goto(base_url + reverse("booking:book-case", args=[intake.pk]) + f"?start={later}")
    expect(page.locator("main")).to_contain_text("Cleared routes: IV infusion")
    expect(page.locator("main")).to_contain_text("America/New_York")
    check_both_widths(page, "book-clinician")
    with page.expect_navigation():
        page.locator("main form[method=post] button").first.click()
    expect(page.get_by_role("status")).to_contain_text("The consultation is booked")
    check_both_widths(page, "consultation-clinician")
    page.goto(base_url + reverse("booking:consultations"))
    expect(page.locator("main")).to_contain_text("Dr Maya Chen")
    check_both_widths(page, "consultations-clinician")

    consultation = Consultation.objects.get()
    patient_page = new_page(browser)
    sign_in(patient_page, base_url, intake.patient.email, PASSWORD)
    patient_page.goto(base_url + reverse("patients:dashboard"))
    panel = patient_page.locator("#consultation")
    expect(panel).to_contain_text("Your consultation")
    expect(panel).to_contain_text("Dr Maya Chen, MD")
    expect(panel).to_contain_text("(America/New_York, E")
    link = panel.get_by_role("link", name="Add it to your calendar (.ics file)")
    assert link.get_attribute("href") == reverse("booking:my-calendar", args=[consultation.pk])
    ics = patient_page.request.get(base_url + link.get_attribute("href"))
    assert ics.headers["content-type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.body()
    check_both_widths(patient_page, "dashboard-patient")
    patient_page.get_by_role("link", name="Move it").click()
    expect(patient_page.locator("h1")).to_have_text("Move your consultation")
    check_both_widths(patient_page, "move-patient")
    patient_page.goto(base_url + reverse("booking:my-cancel", args=[consultation.pk]))
    check_both_widths(patient_page, "cancel-patient")

    admin_page = new_page(browser)
    admin = UserFactory(role="admin", email="ada@example.test")
    sign_in(admin_page, base_url, admin.email, PASSWORD)
    admin_page.goto(base_url + reverse("booking:consultations") + f"?start={later}")
    expect(admin_page.locator("main")).to_contain_text("Dr Maya Chen, MD")
    expect(admin_page.locator("main")).not_to_contain_text(intake.patient.email)
    assert admin_page.get_by_role("link", name="Open").count() == 0
    check_both_widths(admin_page, "consultations-admin")


def test_an_uncleared_case_offers_no_booking_anywhere(page: Page, browser: Browser, base_url: str) -> None:
    provider_every_day()
    SchedulingSettings.objects.update_or_create(singleton=True, defaults={"patient_self_booking": True})
    casey = UserFactory(role="clinician", email="casey@example.test")
    intake = screened_case()
    sign_in(page, base_url, casey.email, PASSWORD)
    page.goto(base_url + reverse("booking:book-case", args=[intake.pk]))
    expect(page.locator("#not-bookable")).to_contain_text("This case cannot be booked")
    assert page.locator("main form[method=post]").count() == 0
    check_both_widths(page, "book-clinician-uncleared")

    patient_page = new_page(browser)
    sign_in(patient_page, base_url, intake.patient.email, PASSWORD)
    patient_page.goto(base_url + reverse("patients:dashboard"))
    expect(patient_page.locator("main")).not_to_contain_text("Choose a time")
    assert patient_page.locator("#consultation").count() == 0
    response = patient_page.goto(base_url + reverse("booking:book-own"))
    assert response.status == 404


def test_a_cleared_patient_books_their_own_consultation_if_allowed(page: Page, base_url: str) -> None:
    provider_every_day()
    SchedulingSettings.objects.update_or_create(singleton=True, defaults={"patient_self_booking": True})
    intake = cleared_case()
    sign_in(page, base_url, intake.patient.email, PASSWORD)
    page.goto(base_url + reverse("patients:dashboard"))
    page.get_by_role("link", name="Choose a time").click()
    expect(page.locator("h1")).to_have_text("Book your consultation")
    check_both_widths(page, "book-patient")
    with page.expect_navigation():
        page.locator("main form[method=post] button").first.click()
    expect(page.locator("#consultation")).to_contain_text("Your consultation")
    assert Consultation.objects.get().created_by == intake.patient
