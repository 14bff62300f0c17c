from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outbox.models import Message
from tests.accounts.conftest import link_in, make_user, signed_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's password
LOGIN = reverse("accounts:login")


def sign_in(client: Client, email: str, password: str = PASSWORD, next_url: str = "") -> object:
    return client.post(LOGIN, {"username": email, "password": password, "next": next_url})


def test_signing_in_with_email_and_password_goes_to_the_role_home() -> None:
    make_user("patient", email="pat@example.test")
    client = Client()
    assert sign_in(client, "Pat@Example.test")["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("patients:dashboard")


def test_staff_signing_in_with_a_password_go_on_to_the_second_factor_before_their_home() -> None:
    make_user("clinician", email="casey@example.test")
    client = Client()
    assert sign_in(client, "Casey@Example.test")["Location"] == reverse("accounts:home")
    home = client.get(reverse("accounts:home"))["Location"]
    assert home == reverse("accounts:two-factor-setup") + "?next=/accounts/home/"


def test_a_wrong_password_shows_an_error_summary() -> None:
    make_user("patient", email="pat@example.test")
    page = sign_in(Client(), "pat@example.test", "wrong-password").content.decode()
    assert "There is a problem" in page and "Enter a correct email address and password" in page


def test_next_brings_the_user_back_to_a_page_on_this_site() -> None:
    make_user("patient", email="pat@example.test")
    target = reverse("accounts:password-change")
    assert sign_in(Client(), "pat@example.test", next_url=target)["Location"] == target


@pytest.mark.parametrize("next_url", ["https://evil.example/phish", "//evil.example/", "/\\evil.example"])
def test_an_off_site_next_is_ignored(next_url: str) -> None:
    make_user("patient", email="pat@example.test")
    assert sign_in(Client(), "pat@example.test", next_url=next_url)["Location"] == reverse("accounts:home")


def test_logout_by_get_is_refused_and_leaves_the_user_signed_in() -> None:
    client = signed_in(make_user("patient"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("accounts:password-change")).status_code == 200


def test_logout_by_post_signs_the_user_out() -> None:
    client = signed_in(make_user("patient"))
    page = client.post(reverse("accounts:logout"), follow=True)
    assert "You have signed out" in page.content.decode()
    assert client.get(reverse("accounts:password-change")).status_code == 302


def test_password_reset_goes_through_the_outbox_and_sets_a_new_password(
    django_capture_on_commit_callbacks: object,
) -> None:
    make_user("patient", email="pat@example.test", first_name="Pat")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("accounts:password-reset"), {"email": "PAT@example.test"}, follow=True)
    assert "If an account uses that address" in page.content.decode()
    message = Message.objects.get(kind="password-reset")
    assert (message.status, mail.outbox[0].subject, mail.outbox[0].to) == (
        "sent", "Reset your password", ["pat@example.test"],
    )
    assert mail.outbox[0].body.startswith("Hello Pat,") and message.body == ""
    form = client.get(link_in(mail.outbox[0]), follow=True)
    new = "a-brand-new-passphrase-77"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password has been saved" in done.content.decode()
    assert sign_in(Client(), "pat@example.test", new)["Location"] == reverse("accounts:home")


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing() -> None:
    page = Client().post(reverse("accounts:password-reset"), {"email": "nobody@example.test"}, follow=True)
    assert "If an account uses that address" in page.content.decode()
    assert not Message.objects.exists()


def test_asking_for_reset_links_again_and_again_sends_at_most_three_an_hour() -> None:
    make_user("patient", email="pat@example.test")
    for _ in range(6):
        page = Client().post(reverse("accounts:password-reset"), {"email": "pat@example.test"}, follow=True)
        assert "If an account uses that address" in page.content.decode()
    assert Message.objects.filter(kind="password-reset").count() == 3


def test_a_user_changes_their_password() -> None:
    user = make_user("clinician")
    new = "a-brand-new-passphrase-77"
    page = signed_in(user).post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your password has been changed" in page.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)


def test_repeated_failures_pause_sign_in_until_the_cool_off_has_passed() -> None:
    make_user("patient", email="pat@example.test")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        limit = settings.AXES_FAILURE_LIMIT
        responses = [sign_in(Client(), "pat@example.test", "wrong") for _ in range(limit)]
        assert [r.status_code for r in responses] == [200] * (limit - 1) + [429]
        page = responses[-1].content.decode()
        assert "Sign-in is paused" in page and "try again in <strong>15 minutes</strong>" in page
        assert sign_in(Client(), "pat@example.test").status_code == 429
        clock.shift(timedelta(minutes=14))
        assert sign_in(Client(), "pat@example.test").status_code == 429
        clock.shift(timedelta(minutes=16))
        assert sign_in(Client(), "pat@example.test")["Location"] == reverse("accounts:home")
