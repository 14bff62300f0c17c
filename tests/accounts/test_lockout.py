"""Sign-in lock-outs hold whatever the spelling of the email, and per client address."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.lockout import client_ip, lockout_username
from tests.accounts.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's password
LOGIN = reverse("accounts:login")
HOME = reverse("accounts:home")
SPELLINGS = [
    "pat@example.test", "PAT@example.test", "Pat@Example.Test", " pat@EXAMPLE.test ", "pAT@eXAMPLE.tEST",
]


def sign_in(email: str, password: str = PASSWORD, address: str = "198.51.100.7") -> object:
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": email, "password": password})


def test_five_spellings_lock_the_email_and_the_right_password_under_a_sixth_is_refused() -> None:
    make_user("patient", email="pat@example.test")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        codes = [sign_in(email, "wrong", f"203.0.113.{n}").status_code for n, email in enumerate(SPELLINGS)]
        assert codes == [200, 200, 200, 200, 429]
        assert sign_in("PAT@EXAMPLE.TEST", address="192.0.2.50").status_code == 429
        clock.shift(timedelta(minutes=16))
        assert sign_in("PAT@EXAMPLE.TEST", address="192.0.2.50")["Location"] == HOME


def test_five_failures_from_one_address_pause_it_for_every_email() -> None:
    make_user("patient", email="sam@example.test")
    codes = [sign_in(f"guess{n}@example.test", "wrong").status_code for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert sign_in("sam@example.test").status_code == 429
    assert sign_in("sam@example.test", address="192.0.2.50")["Location"] == HOME


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_other_failures() -> None:
    make_user("patient", email="sprayer@example.test")
    make_user("patient", email="sam@example.test")
    for n in range(4):
        sign_in(f"victim{n}@example.test", "wrong")
    assert sign_in("sprayer@example.test")["Location"] == HOME
    assert sign_in("victim9@example.test", "wrong").status_code == 429
    assert sign_in("sam@example.test").status_code == 429


def test_a_successful_sign_in_clears_that_emails_own_failures() -> None:
    make_user("patient", email="pat@example.test")
    for _ in range(4):
        sign_in("Pat@example.test", "wrong", "203.0.113.1")
    assert sign_in("pat@example.test", address="203.0.113.2")["Location"] == HOME
    codes = [sign_in("pat@example.test", "wrong", "203.0.113.3").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 200]


def test_the_lockout_key_is_the_email_as_accounts_store_it() -> None:
    request = RequestFactory().post(LOGIN, {"username": "  Pat@Example.TEST "})
    assert lockout_username(request) == "pat@example.test"
    assert lockout_username(request, {"username": "PAT@example.test"}) == "pat@example.test"
    assert lockout_username(RequestFactory().post(LOGIN, {})) is None


@override_settings(TRUSTED_PROXY_IPS=["10.0.0.2"])
def test_the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy() -> None:
    forwarded = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **forwarded)) == "198.51.100.7"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", **forwarded)) == "203.0.113.9"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
