import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case() -> None:
    User.objects.create_user("Pat.Smith@example.test", "a-long-unusual-passphrase")
    with pytest.raises(IntegrityError):
        User(email="pat.smith@EXAMPLE.test").save()


def test_full_clean_reports_an_email_taken_in_another_case() -> None:
    User.objects.create_user("pat@example.test", "a-long-unusual-passphrase")
    with pytest.raises(ValidationError):
        User(email="PAT@example.test", password="x").full_clean()


def test_the_manager_stores_emails_in_lower_case() -> None:
    assert User.objects.create_user("Mixed.Case@Example.TEST").email == "mixed.case@example.test"


def test_sign_in_lookup_ignores_the_case_of_the_email() -> None:
    user = User.objects.create_user("pat@example.test")
    assert User.objects.get_by_natural_key("PAT@Example.test") == user


def test_the_database_refuses_an_unknown_role() -> None:
    with pytest.raises(IntegrityError):
        User(email="odd@example.test", role="superhero").save()


def test_role_properties_follow_the_role() -> None:
    clinician = User(email="c@example.test", role="clinician")
    admin = User(email="a@example.test", role="admin")
    assert (clinician.is_clinician, clinician.is_clinic_staff, clinician.is_clinic_admin) == (
        True, True, False,
    )
    assert (admin.is_clinic_admin, admin.is_clinic_staff, admin.is_patient) == (True, True, False)
    assert User(email="p@example.test").is_patient


def test_create_superuser_makes_an_admin() -> None:
    user = User.objects.create_superuser("root@example.test", "a-long-unusual-passphrase")
    assert (user.role, user.is_staff, user.is_superuser) == ("admin", True, True)


def test_full_clean_stores_the_normal_spelling_of_an_email() -> None:
    user = User(email="Mixed.Case@Example.TEST", role="patient")
    user.full_clean(exclude=["password"])
    assert user.email == "mixed.case@example.test"


def test_sign_in_lookup_ignores_surrounding_spaces() -> None:
    user = User.objects.create_user(" pat@example.test ")
    assert (user.email, User.objects.get_by_natural_key("  PAT@example.test")) == ("pat@example.test", user)
