"""The role groups are data created by accounts/migrations/0002_role_groups.py."""

import pytest
from django.contrib.auth.models import Group

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
