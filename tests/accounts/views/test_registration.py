from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from outbox.models import Message
from tests.accounts.conftest import link_in, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
FORM = {
    "first_name": "Rae", "last_name": "Register", "email": "rae@example.test",
    "password": PASSWORD, "password_confirm": PASSWORD,
}


def register(client: Client, **changes: str) -> object:
    return client.post(reverse("accounts:register"), {**FORM, **changes}, follow=True)


def test_a_patient_registers_confirms_their_email_and_signs_in(
    django_capture_on_commit_callbacks: object,
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = register(client)
    assert "We have sent a link to <strong>rae@example.test</strong>" in page.content.decode()
    assert mail.outbox[0].to == ["rae@example.test"]
    link = link_in(mail.outbox[0])
    assert Message.objects.get(kind="verify-email").body == ""  # sent: the stored copy is gone
    assert "Confirm my email address" in client.get(link).content.decode()
    page = client.post(link, follow=True)
    assert "Your email address is confirmed" in page.content.decode()
    signed_in = client.post(reverse("accounts:login"), {"username": "RAE@example.test", "password": PASSWORD})
    assert signed_in["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("patients:dashboard")


@pytest.mark.parametrize(
    ("password", "message"),
    [("Short-pw-42", "at least 12 characters"), ("qwerty123456", "too common")],
)
def test_registration_refuses_weak_passwords_with_a_linked_error_summary(password: str, message: str) -> None:
    page = register(Client(), password=password, password_confirm=password).content.decode()
    assert "There is a problem" in page and message in page
    assert 'href="#id_password"' in page
    assert "<title>Error: Create an account" in page
    assert not User.objects.exists()


def test_registration_refuses_passwords_that_do_not_match() -> None:
    page = register(Client(), password_confirm=PASSWORD + "x").content.decode()
    assert "The two passwords do not match" in page
    assert not User.objects.exists()


def test_registering_a_taken_address_shows_the_same_page_and_emails_its_holder() -> None:
    make_user("patient", email="rae@example.test", last_name="Original")
    page = register(Client(), email="Rae@example.test").content.decode()
    assert "Check your email" in page
    assert User.objects.get(email__iexact="rae@example.test").last_name == "Original"
    assert Message.objects.get().kind == "account-exists"


def test_an_unverified_patient_may_sign_in_but_is_asked_to_check_their_email() -> None:
    register(Client())
    client = Client()
    client.post(reverse("accounts:login"), {"username": "rae@example.test", "password": PASSWORD})
    page = client.get(reverse("patients:dashboard"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("accounts:check-email")
    assert "You need to confirm your address before you can continue" in page.content.decode()
    client.post(link_in(Message.objects.get(kind="verify-email")))
    assert client.get(reverse("accounts:home"))["Location"] == reverse("patients:dashboard")


def test_opening_the_link_without_the_click_confirms_nothing() -> None:
    register(Client())
    response = Client().get(link_in(Message.objects.get(kind="verify-email")))
    assert response.status_code == 200 and "Confirm my email address" in response.content.decode()
    assert User.objects.get().email_verified_at is None


def test_an_expired_link_says_so_and_offers_a_new_one() -> None:
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        register(Client())
    response = Client().get(link_in(Message.objects.get(kind="verify-email")))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in page and "Send a new link" in page
    assert User.objects.get().email_verified_at is None


def test_a_broken_link_says_so_and_offers_a_new_one() -> None:
    response = Client().get(reverse("accounts:verify-email", args=["broken"]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


@pytest.mark.parametrize("email", ["rae@example.test", "known@example.test", "nobody@example.test"])
def test_asking_for_a_new_link_gives_the_same_answer_for_any_address(email: str) -> None:
    register(Client())
    make_user("patient", email="known@example.test")
    before = Message.objects.count()
    page = Client().post(reverse("accounts:resend-verification"), {"email": email}, follow=True)
    assert "If that address belongs to an account that still needs confirming" in page.content.decode()
    assert Message.objects.count() - before == (1 if email == "rae@example.test" else 0)


@pytest.mark.parametrize("name", ["Ann\u202egnp.exe", "Ann\u200b", "Ann\tMarie", "Ann\u2066"])
def test_registration_refuses_a_name_with_bidi_overrides_or_invisible_characters(name: str) -> None:
    page = register(Client(), first_name=name).content.decode()
    assert "There is a problem" in page
    assert ("Remove hidden or special characters, such as tabs, line breaks or invisible spaces, from the "
            "first name") in page
    assert not User.objects.exists()


def test_registration_stores_names_in_unicode_nfc() -> None:
    register(Client(), first_name="Rene\u0301e", last_name="Nun\u0303ez")
    user = User.objects.get()
    assert (user.first_name, user.last_name) == ("Ren\u00e9e", "Nu\u00f1ez")


def test_registration_refuses_a_field_sent_twice_instead_of_keeping_the_last() -> None:
    twice = {**FORM, "email": ["rae@example.test", "eve@example.test"]}
    page = Client().post(reverse("accounts:register"), twice)
    assert "Give one answer to \u201cEmail address\u201d" in page.content.decode()
    assert not User.objects.exists()


def test_a_hidden_character_in_a_name_is_refused_by_the_model_too(db: None) -> None:
    user = User(email="x@example.test", first_name="Ann\u202egnp.exe")
    with pytest.raises(ValidationError) as refused:
        user.full_clean(exclude=["password"])
    assert "first_name" in refused.value.message_dict
