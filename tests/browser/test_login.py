"""Each role signs in through the real form in Chromium and lands on its own home; the keyboard suffices."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-9"  # the factory's password
BOOTSTRAP_PRIMARY = "rgb(13, 110, 253)"
MAX_TABS = 10


@pytest.mark.parametrize(
    ("role", "home", "heading"),
    [
        ("patient", "patients:dashboard", "My intake"),
        ("clinician", "screening:home", "Screening"),
        ("admin", "screening:home", "Screening"),
    ],
)
def test_each_role_signs_in_through_the_form_and_lands_on_its_home(
    page: Page, base_url: str, role: str, home: str, heading: str
) -> None:
    user = UserFactory(role=role, email=f"{role}@example.test")

    sign_in(page, base_url, user.email, PASSWORD)

    assert page.url == base_url + reverse(home)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_the_login_page_is_styled_by_the_served_bootstrap_css(page: Page, base_url: str) -> None:
    page.goto(base_url + reverse("accounts:login"))

    button = page.get_by_role("button", name="Sign in")
    expect(button).to_have_css("background-color", BOOTSTRAP_PRIMARY)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + reverse("accounts:login"))
    # Chromium applies `autofocus` at a later rendering step; let it, so the test sees what a person would.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()


def test_a_patient_can_sign_in_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    user = UserFactory(role="patient", email="keys@example.test")
    page.goto(base_url + reverse("accounts:login"))
    email = page.get_by_label("Email address")

    for _ in range(MAX_TABS):
        if email.evaluate("field => field === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(email).to_be_focused()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == base_url + reverse("patients:dashboard")
