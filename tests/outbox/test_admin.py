import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import assign_role, create_staff_account, register_patient
from outbox.models import Message
from tests.factories import UserFactory
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db
MESSAGES = reverse("admin:outbox_message_changelist")


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
    listing = admin.get(MESSAGES).content.decode()
    assert "pat@example.test" in page and "pat@example.test" in listing
    assert "/accounts/password/reset/" not in page and "/accounts/password/reset/" not in listing
    assert "Choose a new password" not in page


def every_kind_of_link() -> list[Message]:
    """A reset link for a patient and a clinician, a verification link and a staff invitation."""
    admin = assign_role(user=UserFactory(role="admin"), role="admin")
    for role in ("patient", "clinician"):
        user = assign_role(user=UserFactory(role=role, email=f"{role}@example.test"), role=role)
        Client().post(reverse("accounts:password-reset"), {"email": user.email})
    register_patient(email="new@example.test", password="a-long-unusual-passphrase", first_name="N",
                     last_name="Ew")
    create_staff_account(email="hire@clinic.test", first_name="H", last_name="Ire", role="clinician",
                         created_by=admin)
    return list(Message.objects.order_by("pk"))


def test_the_body_regex_attack_gets_the_same_refusal_for_a_right_and_a_wrong_guess() -> None:
    admin = signed_in_admin()
    messages = every_kind_of_link()
    assert {m.kind for m in messages} == {"password-reset", "verify-email", "staff-invitation"}
    for message in messages:
        link = re.search(r"https?://\S+", message.body).group(0)
        for guess in (re.escape(link[:-4]), re.escape(link[:-4]) + "zzz"):
            query = {"recipient": message.recipient, "kind": message.kind, "body__regex": guess}
            response = admin.get(MESSAGES, query)
            assert response.status_code == 400, (message.kind, guess)
            assert "message" not in response.content.decode().lower()


def test_an_admin_sees_kind_status_attempts_and_error_but_never_subject_or_body() -> None:
    message = Message.objects.create(
        recipient="pat@example.test", subject="Private subject line", kind="password-reset",
        body="Hello Pat, https://clinic.test/reset/MQ/a-secret-token-1234/", attempts=2,
        last_error="ConnectionRefusedError: smtp down",
    )
    page = signed_in_admin().get(reverse("admin:outbox_message_change", args=[message.pk])).content.decode()
    for shown in ("password-reset", "Pending", "ConnectionRefusedError: smtp down", "pat@example.test"):
        assert shown in page
    for hidden in ("Private subject line", "a-secret-token-1234", "Hello Pat"):
        assert hidden not in page


def test_nobody_adds_edits_or_deletes_messages_in_the_admin() -> None:
    message = Message.objects.create(recipient="pat@example.test", subject="s", body="b", kind="test")
    admin = Client()
    force_login_verified(admin, UserFactory(role="admin", is_staff=True, is_superuser=True))
    assert admin.get(reverse("admin:outbox_message_add")).status_code == 403
    admin.post(reverse("admin:outbox_message_delete", args=[message.pk]), {"post": "yes"})
    admin.post(reverse("admin:outbox_message_change", args=[message.pk]), {"recipient": "evil@example.test"})
    message.refresh_from_db()
    assert message.recipient == "pat@example.test"
