"""The admin role manages providers and locations but deletes neither, and never sees a consultation."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def perms(group: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
        if p.content_type.app_label == "scheduling"
    }


def test_admins_add_and_change_providers_and_locations_but_never_delete_them() -> None:
    admin = perms("admin")
    assert {"scheduling.add_provider", "scheduling.change_provider", "scheduling.add_location",
            "scheduling.change_location", "scheduling.change_schedulingsettings"} <= admin
    assert {"scheduling.delete_licence", "scheduling.delete_weeklyhours"} <= admin
    assert not {"scheduling.delete_provider", "scheduling.delete_location"} & admin


def test_no_role_group_may_read_consultations_through_the_admin() -> None:
    for group in ("admin", "clinician", "patient"):
        assert not {p for p in perms(group) if "consultation" in p}
