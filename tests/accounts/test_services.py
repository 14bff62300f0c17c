from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve
from django.utils import timezone

from accounts import services
from accounts.models import User
from outbox.models import Message
from tests.accounts.conftest import link_in, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


def register(email: str = "rae@example.test", password: str = PASSWORD) -> User:
    return services.register_patient(email=email, password=password, first_name="Rae", last_name="Register")


def test_assign_role_keeps_group_and_admin_site_access_in_step_with_the_role() -> None:
    user = make_user("patient")
    services.assign_role(user=user, role="clinician")
    assert (user.role, list(user.groups.values_list("name", flat=True)), user.is_staff) == (
        "clinician", ["clinician"], False,
    )
    services.assign_role(user=user, role="admin")
    user.refresh_from_db()
    assert (list(user.groups.values_list("name", flat=True)), user.is_staff) == (["admin"], True)


def test_assign_role_refuses_an_unknown_role() -> None:
    with pytest.raises(ValueError):
        services.assign_role(user=make_user("patient"), role="superhero")


def test_register_patient_creates_an_unverified_patient_and_queues_a_verification_email() -> None:
    user = register(email="Rae@Example.test")
    assert (user.email, user.role, user.email_verified_at) == ("rae@example.test", "patient", None)
    assert user.check_password(PASSWORD)
    message = Message.objects.get(kind="verify-email")
    assert message.recipient == "rae@example.test"
    assert "Hello Rae" in message.body and "Register" not in message.body
    assert resolve(link_in(message)).url_name == "verify-email"


def test_register_patient_refuses_a_password_shorter_than_twelve_characters() -> None:
    with pytest.raises(ValidationError, match="at least 12"):
        register(password="short-pw-1")
    assert not User.objects.exists()


def test_registering_a_taken_address_tells_its_holder_and_creates_nothing() -> None:
    make_user("patient", email="taken@example.test")
    with pytest.raises(services.EmailAlreadyRegistered):
        register(email="TAKEN@example.test")
    assert User.objects.filter(email__iexact="taken@example.test").count() == 1
    sent = list(Message.objects.values_list("kind", "recipient"))
    assert sent == [("account-exists", "taken@example.test")]


def test_verify_email_marks_the_address_verified() -> None:
    user = register()
    verified = services.verify_email(token=services.make_verification_token(user))
    assert verified == user and verified.email_verified_at is not None


def test_a_verification_link_expires_after_two_days() -> None:
    with time_machine.travel(timezone.now() - timedelta(days=2, minutes=1)):
        token = services.make_verification_token(register())
    with pytest.raises(signing.SignatureExpired):
        services.verify_email(token=token)


def test_a_tampered_verification_link_is_refused() -> None:
    token = services.make_verification_token(register())
    with pytest.raises(signing.BadSignature):
        services.verify_email(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))


def test_a_verification_link_stops_working_when_the_address_changes() -> None:
    user = register()
    token = services.make_verification_token(user)
    User.objects.filter(pk=user.pk).update(email="new@example.test")
    with pytest.raises(signing.BadSignature):
        services.verify_email(token=token)


@pytest.mark.parametrize("email", ["nobody@example.test", "verified@example.test", "staff@example.test"])
def test_resend_verification_sends_nothing_unless_the_account_needs_verifying(email: str) -> None:
    make_user("patient", email="verified@example.test")
    make_user("clinician", email="staff@example.test", email_verified_at=None)
    services.resend_verification(email=email)
    assert not Message.objects.exists()


def test_resend_verification_sends_a_new_link_to_an_unverified_patient() -> None:
    register()
    services.resend_verification(email="RAE@example.test")
    assert Message.objects.filter(kind="verify-email", recipient="rae@example.test").count() == 2


def test_an_admin_creates_a_staff_account_with_an_invitation_to_set_a_password() -> None:
    admin = make_user("admin")
    user = services.create_staff_account(
        email="Nia@Example.test", first_name="Nia", last_name="Newhire", role="clinician", created_by=admin
    )
    assert (user.email, user.role, user.has_usable_password()) == ("nia@example.test", "clinician", False)
    assert user.created_by == admin
    assert list(user.groups.values_list("name", flat=True)) == ["clinician"]
    message = Message.objects.get(kind="staff-invitation")
    match = resolve(link_in(message))
    assert match.url_name == "password-reset-confirm"
    assert default_token_generator.check_token(user, match.kwargs["token"])


@pytest.mark.parametrize("role", ["patient", "clinician"])
def test_only_an_admin_can_create_staff_accounts(role: str) -> None:
    creator = make_user(role)
    with pytest.raises(PermissionDenied):
        services.create_staff_account(
            email="x@example.test", first_name="X", last_name="Y", role="clinician", created_by=creator
        )
    assert not User.objects.filter(email="x@example.test").exists()


def test_a_staff_account_cannot_be_a_patient_or_reuse_an_address() -> None:
    admin = make_user("admin", email="ada@example.test")
    with pytest.raises(ValidationError):
        services.create_staff_account(
            email="p@example.test", first_name="P", last_name="Q", role="patient", created_by=admin
        )
    with pytest.raises(ValidationError):
        services.create_staff_account(
            email="ADA@example.test", first_name="A", last_name="B", role="clinician", created_by=admin
        )
    assert not Message.objects.exists()


def test_deactivating_a_staff_account_stops_it_signing_in() -> None:
    clinician = make_user("clinician")
    services.deactivate_staff_account(user=clinician, deactivated_by=make_user("admin"))
    clinician.refresh_from_db()
    assert clinician.is_active is False


def test_an_admin_cannot_deactivate_themself_or_a_patient() -> None:
    admin = make_user("admin")
    with pytest.raises(ValidationError):
        services.deactivate_staff_account(user=admin, deactivated_by=admin)
    with pytest.raises(ValidationError):
        services.deactivate_staff_account(user=make_user("patient"), deactivated_by=admin)
    assert User.objects.filter(is_active=False).count() == 0


def test_a_clinician_cannot_deactivate_staff() -> None:
    other = make_user("clinician")
    with pytest.raises(PermissionDenied):
        services.deactivate_staff_account(user=other, deactivated_by=make_user("clinician"))
