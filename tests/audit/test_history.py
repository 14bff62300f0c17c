"""The change history of accounts keeps staff accounts only, with who changed them, and never a password."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import User
from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
HistoricalUser = User.history.model


def test_a_staff_account_created_by_an_admin_is_recorded_with_that_admin() -> None:
    admin = make_user("admin", email="ada@clinic.test")
    response = signed_in(admin).post(reverse("accounts:staff-create"), {
        "first_name": "Nia", "last_name": "Newhire", "email": "nia@clinic.test", "role": "clinician",
    })
    assert response.status_code == 302
    nia = User.objects.get(email="nia@clinic.test")
    rows = list(nia.history.order_by("history_date"))
    assert rows and {row.history_user for row in rows} == {admin}
    assert (rows[0].history_type, rows[-1].role, rows[-1].first_name) == ("+", "clinician", "Nia")


def test_deactivating_a_staff_account_records_who_did_it() -> None:
    admin, casey = make_user("admin"), make_user("clinician")
    signed_in(admin).post(reverse("accounts:staff-deactivate", args=[casey.pk]))
    latest = casey.history.latest()
    assert (latest.is_active, latest.history_user, latest.history_type) == (False, admin, "~")


def test_no_password_hash_is_copied_into_the_history_table() -> None:
    casey = make_user("clinician")
    casey.set_password("a-new-long-password-2026")
    casey.save()
    columns = {column.name for column in connection.introspection.get_table_description(
        connection.cursor(), HistoricalUser._meta.db_table)}
    assert "password" not in columns and "last_login" not in columns
    assert "email" in columns and casey.history.count() >= 2


def test_patient_accounts_leave_no_history() -> None:
    patient = services.register_patient(
        email="pat@example.test", password="a-long-unusual-passphrase-42", first_name="Pat", last_name="Lee"
    )
    patient.first_name = "Patricia"
    patient.save()
    assert not HistoricalUser.objects.filter(id=patient.pk).exists()


def test_signing_in_adds_no_history_row() -> None:
    casey = make_user("clinician", email="casey@clinic.test")
    casey.set_password("a-long-password-2026")
    casey.save()
    before = casey.history.count()
    assert Client().post(reverse("accounts:login"), {
        "username": "casey@clinic.test", "password": "a-long-password-2026"
    }).status_code == 302
    casey.refresh_from_db()
    assert casey.last_login is not None and casey.history.count() == before
