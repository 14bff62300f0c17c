"""Steps that many browser tests share."""

from django.urls import reverse
from playwright.sync_api import Page


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the real login form; returns once the page after it has loaded."""
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
