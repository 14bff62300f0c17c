"""Data migrations: the role groups (0002) and the normalised email addresses (0005)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def perms(group: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_there_is_one_group_per_role() -> None:
    assert {"patient", "clinician", "admin"} <= set(Group.objects.values_list("name", flat=True))


def test_patients_get_no_model_permissions() -> None:
    assert perms("patient") == set()


def test_clinicians_may_view_intakes_and_screening_results_but_not_manage_users() -> None:
    assert {"patients.view_intake", "patients.view_intakestatuschange"} <= perms("clinician")
    assert {"screening.view_screeningresult", "screening.view_screeningflag"} <= perms("clinician")
    assert "accounts.change_user" not in perms("clinician")


def test_admins_manage_users_but_never_see_intakes() -> None:
    assert {"accounts.add_user", "accounts.change_user", "accounts.view_user"} <= perms("admin")
    assert not {p for p in perms("admin") if p.startswith("patients.")}
    assert not {"screening.view_screeningresult", "screening.view_screeningflag"} & perms("admin")
    assert "accounts.delete_user" not in perms("admin")


normalise = importlib.import_module("accounts.migrations.0005_normalise_emails")


def stored_as(email: str) -> User:
    """An account whose address was stored before emails were normalised."""
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(email=email)
    return user


def test_the_migration_lower_cases_and_trims_existing_addresses() -> None:
    mixed, spaced, clean = stored_as("Pat.Smith@Example.TEST"), stored_as(" sam@example.test "), UserFactory()
    normalise.normalise_emails(apps, None)
    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[mixed.pk] == "pat.smith@example.test" and emails[spaced.pk] == "sam@example.test"
    assert emails[clean.pk] == clean.email
    assert User.objects.get_by_natural_key("PAT.SMITH@example.test") == mixed


def test_the_migration_refuses_to_merge_accounts_that_differ_only_in_case_or_spaces() -> None:
    first, second = stored_as("pat@example.test"), stored_as(" PAT@example.test")
    with pytest.raises(normalise.EmailClash) as refused:
        normalise.normalise_emails(apps, None)
    assert f"id {first.pk} 'pat@example.test' and id {second.pk} ' PAT@example.test'" in str(refused.value)
    assert User.objects.get(pk=second.pk).email == " PAT@example.test"  # nothing changed
