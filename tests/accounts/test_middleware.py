from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import make_user, password_only, signed_in
from tests.second_factor import app_code

pytestmark = pytest.mark.django_db
START = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("America/New_York"))
PAGE = reverse("accounts:password-change")
VERIFY = reverse("accounts:two-factor-verify")


def idle_then_visit(role: str, minutes: int) -> tuple[Client, object]:
    """Visit a page, wait `minutes`, visit again; returns the client and the second response."""
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user(role))
        assert client.get(PAGE).status_code == 200
        clock.shift(timedelta(minutes=minutes))
        return client, client.get(PAGE, follow=True)


@pytest.mark.parametrize("role", ["clinician", "admin"])
def test_staff_idle_for_16_minutes_are_signed_out(role: str) -> None:
    client, response = idle_then_visit(role, 16)
    assert response.redirect_chain[0][0] == f"{reverse('accounts:login')}?next={PAGE}"
    assert "You were signed out after a period of inactivity" in response.content.decode()
    assert client.get(PAGE).status_code == 302


def test_a_patient_idle_for_16_minutes_is_still_signed_in() -> None:
    _, response = idle_then_visit("patient", 16)
    assert (response.redirect_chain, response.status_code) == ([], 200)


def test_a_patient_idle_for_31_minutes_is_signed_out() -> None:
    _, response = idle_then_visit("patient", 31)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "You were signed out after a period of inactivity" in response.content.decode()


def test_even_a_busy_session_ends_12_hours_after_sign_in() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("patient"))
        for _ in range(37):  # a request every 20 minutes, the last one at exactly 12 hours
            assert client.get(PAGE).status_code == 200
            clock.shift(timedelta(minutes=20))
        response = client.get(PAGE, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "sessions end after 12 hours" in response.content.decode()


@pytest.mark.parametrize("role", ["patient", "clinician", "admin"])
def test_pages_for_a_signed_in_user_are_never_cached(role: str) -> None:
    response = signed_in(make_user(role)).get(PAGE)
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_visitors_keep_the_default_caching() -> None:
    assert "Cache-Control" not in Client().get(reverse("accounts:register"))


def test_a_session_waiting_for_the_second_factor_times_out_after_15_idle_minutes() -> None:
    with time_machine.travel(START, tick=False) as clock:
        user = make_user("clinician")
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        client = password_only(user)
        assert client.get(VERIFY).status_code == 200
        clock.shift(timedelta(minutes=16))
        response = client.post(VERIFY, {"code": app_code(device.bin_key)}, follow=True)
        assert "You were signed out after a period of inactivity" in response.content.decode()
        assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
        assert client.get(PAGE)["Location"].startswith(reverse("accounts:login"))
    device.refresh_from_db()
    assert device.last_t == -1, "the code was never checked"


def test_the_12_hour_limit_counts_from_the_password_step_not_the_code() -> None:
    with time_machine.travel(START, tick=False) as clock:
        user = make_user("patient")
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        client = password_only(user)
        for _ in range(36):  # the code page, kept open for 12 hours
            assert client.get(VERIFY).status_code == 200
            clock.shift(timedelta(minutes=20))
        clock.shift(timedelta(minutes=1))
        response = client.post(VERIFY, {"code": app_code(device.bin_key)}, follow=True)
    assert "sessions end after 12 hours" in response.content.decode()


def test_requests_within_a_minute_of_the_last_write_leave_the_session_unwritten() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("clinician"))
        client.get(PAGE)
        clock.shift(timedelta(seconds=59))
        quiet = client.get(PAGE)
        clock.shift(timedelta(seconds=1))
        written = client.get(PAGE)
    assert settings.SESSION_COOKIE_NAME not in quiet.cookies
    assert settings.SESSION_COOKIE_NAME in written.cookies


@pytest.mark.parametrize(("idle_seconds", "signed_out"), [(15 * 60, False), (15 * 60 + 1, True)])
def test_the_idle_limit_counts_from_the_last_stored_visit_to_the_second(
    idle_seconds: int, signed_out: bool
) -> None:
    # Visits 30 s apart store the first only: the limit runs from it, a session ends early by under a minute.
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(make_user("clinician"))
        client.get(PAGE)
        clock.shift(timedelta(seconds=30))
        client.get(PAGE)
        clock.shift(timedelta(seconds=idle_seconds - 30))
        response = client.get(PAGE)
    assert (response.status_code == 302) is signed_out
