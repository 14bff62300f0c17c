"""Two-factor sign-in in Chromium: set up an app from the page, codes right and wrong, recovery codes."""

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts import two_factor
from outbox.models import Message
from tests.browser.helpers import enter_code, secret_on_page, set_up_app, sign_in, sign_in_with_password
from tests.factories import UserFactory
from tests.second_factor import unused_code, wrong_code

PASSWORD = "correct-horse-battery-9"  # the factory's password
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible_at_1280_and_360(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 360px"
    page.set_viewport_size({"width": 1280, "height": 800})


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def with_app(email: str) -> TOTPDevice:
    user = UserFactory(role="clinician", email=email)
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def test_a_clinician_sets_up_an_app_from_the_page_and_next_time_signs_in_with_a_code(
    page: Page, base_url: str
) -> None:
    UserFactory(role="clinician", email="casey@example.test")
    sign_in_with_password(page, base_url, "casey@example.test", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    expect(page.get_by_role("link", name="Screening")).to_have_count(0)
    assert_accessible_at_1280_and_360(page)
    key = secret_on_page(page)

    codes = set_up_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    assert len(set(codes)) == 10
    assert_accessible_at_1280_and_360(page)
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")

    sign_out(page)
    sign_in_with_password(page, base_url, "casey@example.test", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_accessible_at_1280_and_360(page)
    device = TOTPDevice.objects.get(user__email="casey@example.test", confirmed=True)
    assert device.bin_key == key, "the secret on the page is the one the app was confirmed with"
    enter_code(page, unused_code(device))
    assert page.url == base_url + reverse("screening:home")
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")


def test_a_wrong_code_is_refused_and_no_staff_page_opens(page: Page, base_url: str) -> None:
    device = with_app("wrong@example.test")
    sign_in_with_password(page, base_url, "wrong@example.test", PASSWORD)
    enter_code(page, wrong_code(device.bin_key))
    expect(page.locator("#error-summary")).to_contain_text("That code is not right")
    assert_accessible_at_1280_and_360(page)
    page.goto(base_url + reverse("screening:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")


def test_a_recovery_code_signs_in_once(page: Page, base_url: str) -> None:
    device = with_app("recovery@example.test")
    codes = two_factor.replace_recovery_codes(user=device.user)
    sign_in_with_password(page, base_url, "recovery@example.test", PASSWORD)
    enter_code(page, codes[0].upper())
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    expect(page.get_by_role("main")).to_contain_text("You have 9 left")

    sign_out(page)
    sign_in_with_password(page, base_url, "recovery@example.test", PASSWORD)
    enter_code(page, codes[0])
    expect(page.locator("#error-summary")).to_contain_text("That code is not right, or it has been used")


def test_the_two_factor_account_pages_pass_axe_and_fit_360px(page: Page, base_url: str) -> None:
    patient = UserFactory(email="pat@example.test")
    sign_in_with_password(page, base_url, patient.email, PASSWORD)
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("main")).to_contain_text("Two-factor sign-in is off")
    assert_accessible_at_1280_and_360(page)
    page.get_by_role("link", name="Turn on two-factor sign-in").click()
    set_up_app(page)
    page.get_by_role("link", name="I have saved my recovery codes").click()
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("main")).to_contain_text("Two-factor sign-in is on")
    assert_accessible_at_1280_and_360(page)
    page.get_by_role("link", name="Create new recovery codes").click()
    assert_accessible_at_1280_and_360(page)
    page.goto(base_url + reverse("accounts:two-factor-turn-off"))
    assert_accessible_at_1280_and_360(page)


def test_an_admin_resets_a_clinicians_second_factor_from_the_staff_list(page: Page, base_url: str) -> None:
    UserFactory(role="admin", email="ada@example.test", first_name="Ada", last_name="Admin")
    casey = with_app("casey@example.test").user
    sign_in(page, base_url, "ada@example.test", PASSWORD)
    page.goto(base_url + reverse("accounts:staff-list"))
    assert_accessible_at_1280_and_360(page)
    name = casey.get_full_name()
    page.get_by_role("link", name=f"Reset two-factor sign-in for {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Reset two-factor sign-in for {name}?")
    assert_accessible_at_1280_and_360(page)
    page.get_by_role("button", name="Yes, reset two-factor sign-in").click()
    expect(page.get_by_role("status")).to_contain_text("We have emailed them")
    assert not two_factor.has_second_factor(casey)
    assert Message.objects.filter(kind="two-factor-reset", recipient="casey@example.test").count() == 1
