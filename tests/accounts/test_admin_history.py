"""The Django admin's History page: who changed a staff account and what, read-only, never a patient's."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def change_name(admin: object, member: User, first_name: str) -> None:
    response = signed_in(admin).post(reverse("admin:accounts_user_change", args=[member.pk]), {
        "email": member.email, "first_name": first_name, "last_name": member.last_name,
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_history_page_shows_who_changed_a_staff_account_and_what_changed() -> None:
    admin = make_user("admin", email="ada@clinic.test")
    casey = make_user("clinician", first_name="Casey")
    change_name(admin, casey, "Cassandra")
    html = signed_in(admin).get(reverse("admin:accounts_user_history", args=[casey.pk])).content.decode()
    start = html.index('id="change-history"')
    table = html[start : html.index("</table>", start)]
    assert "ada@clinic.test" in table
    assert "Casey" in table and "Cassandra" in table
    assert casey.password not in html and "md5$" not in html and "password" not in table.lower()


def test_a_patient_account_has_no_history_page_for_an_admin() -> None:
    patient = make_user("patient", email="pat@example.test")
    patient.first_name = "Changed"
    patient.save()
    admin = signed_in(make_user("admin"))
    response = admin.get(reverse("admin:accounts_user_history", args=[patient.pk]))
    assert response.status_code == 404 and "pat@example.test" not in response.content.decode()


def test_a_past_version_can_be_read_but_not_restored() -> None:
    admin = make_user("admin")
    casey = make_user("clinician", first_name="Casey")
    change_name(admin, casey, "Cassandra")
    first = casey.history.earliest()
    url = reverse("admin:accounts_user_simple_history", args=[casey.pk, first.history_id])
    client = signed_in(admin)
    page = client.get(url)
    assert page.status_code == 200 and "Revert" not in page.content.decode()
    restore = client.post(url, {
        "email": casey.email, "first_name": "Casey", "last_name": casey.last_name,
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    casey.refresh_from_db()
    assert restore.status_code == 403 and casey.first_name == "Cassandra"


def test_a_past_version_page_for_an_account_outside_the_admin_s_list_is_not_found() -> None:
    admin = make_user("admin")
    patient = make_user("patient")
    casey = make_user("clinician")
    version = casey.history.earliest().history_id
    client = signed_in(admin)
    for object_id in (patient.pk, "x"):
        url = reverse("admin:accounts_user_simple_history", args=[object_id, version])
        assert client.get(url).status_code == 404
