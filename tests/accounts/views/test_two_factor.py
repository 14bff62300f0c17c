import re
from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.accounts.conftest import make_user, password_only, signed_in
from tests.second_factor import app_code, unused_code, wrong_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's password
SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")
CODES = reverse("accounts:two-factor-recovery-codes")
OVERVIEW = reverse("accounts:two-factor")
NOW = datetime(2026, 6, 15, 13, 0, 5, tzinfo=UTC)


def with_app(user: object) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def password_step(email: str, next_url: str = "") -> tuple[Client, object]:
    """Sign in through the form; returns the client and the page that follows (redirects followed)."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": email, "password": PASSWORD, "next": next_url}, follow=True
    )
    return client, response


def secret_on(page: str) -> bytes:
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    return b32decode(secret.replace(" ", ""))


def test_a_clinician_without_an_app_is_sent_to_set_one_up_after_the_password() -> None:
    make_user("clinician", email="casey@example.test")
    _, response = password_step("casey@example.test")
    assert response.redirect_chain[-1][0] == f"{SETUP}?next=/accounts/home/"
    page = response.content.decode()
    assert "<svg" in page and 'aria-label="QR code for your authenticator app"' in page
    assert "Screening" not in page.split("<main", 1)[0], "the navigation offers staff pages before the code"


def test_setting_up_the_app_signs_in_and_shows_the_recovery_codes_once() -> None:
    make_user("clinician", email="casey@example.test")
    client, response = password_step("casey@example.test", next_url=reverse("screening:catalogue"))
    key = secret_on(response.content.decode())
    done = client.post(SETUP, {"code": app_code(key), "next": reverse("screening:catalogue")}, follow=True)
    page = done.content.decode()
    assert done.redirect_chain[-1][0] == f"{CODES}?next=%2Fscreening%2Frules%2F"
    assert "Two-factor sign-in is on." in page and "only time they are shown" in page
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert 'href="/screening/rules/"' in page
    again = client.get(CODES).content.decode()
    assert "You have <strong>10</strong> unused recovery codes" in again and codes[0] not in again
    assert client.get(reverse("screening:catalogue")).status_code == 200


def test_a_wrong_code_at_set_up_is_explained_and_nothing_is_switched_on() -> None:
    user = make_user("clinician")
    client = password_only(user)
    with time_machine.travel(NOW, tick=False):
        key = secret_on(client.get(SETUP).content.decode())
        page = client.post(SETUP, {"code": wrong_code(key)}).content.decode()
        assert client.get(reverse("screening:home"))["Location"].startswith(SETUP)
    assert "There is a problem" in page and "That code is not right" in page
    assert not two_factor.has_second_factor(user)


def test_staff_with_an_app_enter_a_code_after_the_password_and_reach_the_page_they_asked_for() -> None:
    device = with_app(make_user("clinician", email="casey@example.test"))
    client, response = password_step("casey@example.test", next_url=reverse("screening:catalogue"))
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=/screening/rules/"
    done = client.post(VERIFY, {"code": unused_code(device), "next": "/screening/rules/"})
    assert done["Location"] == "/screening/rules/"
    assert client.get("/screening/rules/").status_code == 200


def test_passing_the_second_factor_gives_the_session_a_new_key() -> None:
    device = with_app(make_user("clinician", email="casey@example.test"))
    client, _ = password_step("casey@example.test")
    before = client.cookies["sessionid"].value
    client.post(VERIFY, {"code": unused_code(device)})
    assert client.cookies["sessionid"].value != before


def test_a_wrong_code_is_refused_and_the_next_try_must_wait() -> None:
    user = make_user("clinician")
    device = with_app(user)
    client = password_only(user)
    with time_machine.travel(NOW, tick=False) as clock:
        wrong = client.post(VERIFY, {"code": wrong_code(device.bin_key)}).content.decode()
        assert "That code is not right" in wrong
        waiting = client.post(VERIFY, {"code": app_code(device.bin_key)}).content.decode()
        assert "Too many wrong codes in a row. Wait 1 second, then try again." in waiting
        clock.shift(timedelta(seconds=1))
        assert client.post(VERIFY, {"code": app_code(device.bin_key)})["Location"] == reverse("accounts:home")


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left() -> None:
    user = make_user("admin")
    with_app(user)
    codes = two_factor.replace_recovery_codes(user=user)
    first = password_only(user)
    page = first.post(VERIFY, {"code": codes[0]}, follow=True).content.decode()
    assert "You used a recovery code; it will not work again. You have 9 left." in page
    second = password_only(user)
    assert "That code is not right" in second.post(VERIFY, {"code": codes[0]}).content.decode()


def test_the_code_page_points_staff_to_an_admin_and_patients_to_the_clinic() -> None:
    clinician, patient = make_user("clinician"), make_user("patient")
    with_app(clinician), with_app(patient)
    assert "Ask a clinic admin" in password_only(clinician).get(VERIFY).content.decode()
    assert "Contact the clinic" in password_only(patient).get(VERIFY).content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_an_off_site_next_after_the_code_goes_home_instead(next_url: str) -> None:
    user = make_user("clinician")
    device = with_app(user)
    response = password_only(user).post(VERIFY, {"code": unused_code(device), "next": next_url})
    assert response["Location"] == reverse("accounts:home")


def test_without_the_code_an_app_cannot_be_replaced() -> None:
    user = make_user("clinician")
    with_app(user)
    response = password_only(user).get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_a_signed_in_clinician_moves_to_a_new_app() -> None:
    user = make_user("clinician")
    old = with_app(user)
    client = signed_in(user)
    page = client.get(SETUP).content.decode()
    assert "Set up a new authenticator app" in page
    client.post(SETUP, {"code": app_code(secret_on(page))})
    assert not TOTPDevice.objects.filter(pk=old.pk).exists() and two_factor.has_second_factor(user)


def test_a_new_set_of_recovery_codes_is_shown_once_and_the_old_ones_stop_working() -> None:
    user = make_user("clinician")
    with_app(user)
    old = two_factor.replace_recovery_codes(user=user)
    client = signed_in(user)
    page = client.post(CODES, follow=True).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert "That code is not right" in password_only(user).post(VERIFY, {"code": old[1]}).content.decode()


def test_staff_see_it_is_required_and_cannot_turn_it_off() -> None:
    user = make_user("clinician")
    with_app(user)
    client = signed_in(user)
    page = client.get(OVERVIEW).content.decode()
    assert "required for staff accounts" in page and "Turn off" not in page
    assert client.post(reverse("accounts:two-factor-turn-off")).status_code == 403
    assert two_factor.has_second_factor(user)


def test_a_patient_turns_it_on_then_needs_a_code_at_the_next_sign_in() -> None:
    make_user("patient", email="pat@example.test")
    client, _ = password_step("pat@example.test")
    assert "Two-factor sign-in is <strong>off</strong>" in client.get(OVERVIEW).content.decode()
    key = secret_on(client.get(SETUP).content.decode())
    client.post(SETUP, {"code": app_code(key)})
    assert "Two-factor sign-in is <strong>on</strong>" in client.get(OVERVIEW).content.decode()

    later, response = password_step("pat@example.test")
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=/accounts/home/"
    assert later.get(reverse("patients:dashboard"))["Location"].startswith(VERIFY)
    device = two_factor.confirmed_app(response.wsgi_request.user)
    later.post(VERIFY, {"code": unused_code(device)})
    assert later.get(reverse("patients:dashboard")).status_code == 200


def test_a_patient_turns_it_off_after_a_confirmation_page() -> None:
    patient = make_user("patient")
    with_app(patient)
    client = signed_in(patient)
    turn_off = reverse("accounts:two-factor-turn-off")
    assert "Turn off two-factor sign-in?" in client.get(turn_off).content.decode()
    page = client.post(turn_off, follow=True).content.decode()
    assert "Two-factor sign-in is off." in page and not two_factor.has_second_factor(patient)
    assert password_only(patient).get(reverse("patients:dashboard")).status_code == 200


def test_the_navigation_links_to_the_two_factor_page_once_signed_in() -> None:
    page = signed_in(make_user("patient")).get(OVERVIEW).content.decode()
    assert f'href="{OVERVIEW}"' in page


def test_django_axes_still_locks_the_password_step_for_staff_with_an_app(settings: object) -> None:
    with_app(make_user("clinician", email="casey@example.test"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        Client().post(reverse("accounts:login"), {"username": "casey@example.test", "password": "wrong"})
    locked = Client().post(reverse("accounts:login"), {"username": "casey@example.test", "password": "wrong"})
    assert locked.status_code == 429
    _, response = password_step("casey@example.test")
    assert response.status_code == 429 and not response.redirect_chain


def test_wrong_codes_are_throttled_by_the_device_not_counted_as_password_failures() -> None:
    user = make_user("clinician", email="casey@example.test")
    device = with_app(user)
    with time_machine.travel(NOW, tick=False) as clock:
        client = password_only(user)
        for _ in range(3):
            client.post(VERIFY, {"code": wrong_code(device.bin_key)})
            clock.shift(timedelta(minutes=1))
        assert AccessAttempt.objects.count() == 0
        device.refresh_from_db()
        assert device.throttling_failure_count == 3
        assert client.post(VERIFY, {"code": app_code(device.bin_key)})["Location"] == reverse("accounts:home")
