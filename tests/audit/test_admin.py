"""The access log stays out of the Django admin; role groups get a History page."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts.models import User
from audit.models import AccessRecord
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


def test_access_records_are_not_in_the_django_admin_at_all() -> None:
    # No add, change, delete or column lookups: the log is read only on its own page.
    assert not admin.site.is_registered(AccessRecord)


def test_a_change_to_a_role_group_s_permissions_is_recorded_with_who_made_it() -> None:
    root = User.objects.create_superuser("root@clinic.test", "a-long-password-2026")
    client = Client()
    force_login_verified(client, root)
    group = Group.objects.get(name="clinician")
    baseline = group.history.get()
    assert baseline.history_change_reason == "As it was when the change history began"
    view_user = Permission.objects.get(codename="view_user")
    permissions = [*group.permissions.values_list("pk", flat=True), view_user.pk]
    response = client.post(f"/django-admin/auth/group/{group.pk}/change/", {
        "name": "clinician", "permissions": permissions,
    })
    assert response.status_code == 302
    latest = group.history.latest()
    assert latest.history_user == root
    assert "view_user" in {row.permission.codename for row in latest.permissions.all()}
    assert "view_user" not in {row.permission.codename for row in baseline.permissions.all()}
    page = client.get(f"/django-admin/auth/group/{group.pk}/history/").content.decode()
    assert "root@clinic.test" in page
