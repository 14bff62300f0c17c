import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import assign_role
from outbox.models import Message
from tests.factories import UserFactory
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


def signed_in_admin() -> Client:
    client = Client()
    force_login_verified(client, assign_role(user=UserFactory(role="admin"), role="admin"))
    return client


def test_an_admin_sees_who_was_emailed_and_when_but_not_the_link_inside() -> None:
    # A password-reset link read in the admin would let an admin sign in as a patient or a clinician.
    patient = UserFactory(email="pat@example.test")
    Client().post(reverse("accounts:password-reset"), {"email": patient.email})
    message = Message.objects.get(kind="password-reset")
    admin = signed_in_admin()
    page = admin.get(reverse("admin:outbox_message_change", args=[message.pk])).content.decode()
    listing = admin.get(reverse("admin:outbox_message_changelist")).content.decode()
    assert "pat@example.test" in page and "pat@example.test" in listing
    assert "/accounts/password/reset/" not in page and "/accounts/password/reset/" not in listing
    assert "Choose a new password" not in page
