"""Steps that many browser tests share."""

from base64 import b32decode
from urllib.parse import urlparse

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from tests.second_factor import app_code, unused_code


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the real forms, passing the second factor where the account has or needs one.

    An account with an app enters its current code (demo staff included); staff without one set an app
    up from the page's secret and go on past their recovery codes. Returns once the next page has loaded.
    """
    sign_in_with_password(page, base_url, email, password)
    step = urlparse(page.url).path
    if step == reverse("accounts:two-factor-verify"):
        enter_code(page, unused_code(TOTPDevice.objects.get(user__email__iexact=email, confirmed=True)))
    elif step == reverse("accounts:two-factor-setup"):
        set_up_app(page)
        with page.expect_navigation():
            page.get_by_role("link", name="I have saved my recovery codes").click()


def sign_in_with_password(page: Page, base_url: str, email: str, password: str) -> None:
    """The password step alone, through the real login form."""
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def enter_code(page: Page, code: str) -> None:
    """Type a code (from the app, or a recovery code) on the second sign-in step and send it."""
    page.get_by_label("Security code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def secret_on_page(page: Page) -> bytes:
    """The authenticator secret the set-up page shows as text beside the QR code."""
    return b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))


def set_up_app(page: Page) -> list[str]:
    """On the set-up page: add the shown secret to an 'app', send its code; returns the recovery codes."""
    page.get_by_label("Code from the app").fill(app_code(secret_on_page(page)))
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
    return page.locator(".recovery-codes code").all_inner_texts()
