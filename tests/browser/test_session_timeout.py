"""The sign-out warning in Chromium: an alert dialog two minutes before, one keyboard action to stay."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.browser.test_intake import assert_accessible_at_360px
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-9"  # the factory's password
IDLE_SECONDS = 30 * 60
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_a_patient_is_warned_before_sign_out_and_stays_signed_in_from_the_keyboard(
    page: Page, base_url: str, settings: object
) -> None:
    settings.SESSION_IDLE_SECONDS_PATIENT = IDLE_SECONDS
    patient = UserFactory(email="idle@example.test")
    page.clock.install()
    sign_in(page, base_url, patient.email, PASSWORD)
    dialog = page.get_by_role("alertdialog", name="You will be signed out soon")
    expect(dialog).to_be_hidden()

    page.clock.fast_forward((IDLE_SECONDS - 119) * 1000)  # the page's own clock: 28 min 1 s idle

    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "session-warning-1280.png")
    assert_accessible_at_360px(page, Axe())
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement === document.body || !!document.activeElement")

    page.clock.fast_forward((IDLE_SECONDS + 1) * 1000)  # no answer this time: the session has ended

    ended = page.get_by_role("alertdialog", name="You have been signed out")
    expect(ended).to_be_visible()
    expect(ended).to_contain_text("we will keep what you typed")
    expect(ended.get_by_role("button", name="Close")).to_be_focused()
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=SHOTS / "session-ended-360.png")
    page.keyboard.press("Escape")
    expect(ended).to_be_hidden()
    assert page.url == base_url + reverse("patients:dashboard")
