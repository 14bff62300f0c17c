import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's password


def test_an_admin_cannot_turn_a_patient_account_into_a_clinician_in_the_django_admin() -> None:
    patient = make_user("patient", email="pat@example.test", first_name="Pat", last_name="Lee")
    admin = signed_in(make_user("admin"))
    url = reverse("admin:accounts_user_change", args=[patient.pk])
    admin.post(url, {
        "email": "pat@example.test", "first_name": "Pat", "last_name": "Lee", "role": "clinician",
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    patient.refresh_from_db()
    assert patient.role == "patient"
    assert list(patient.groups.values_list("name", flat=True)) == ["patient"]


def test_an_account_added_in_the_django_admin_gets_the_group_and_admin_flag_of_its_role() -> None:
    admin = signed_in(make_user("admin"))
    admin.post(reverse("admin:accounts_user_add"), {
        "email": "new.admin@clinic.test", "role": "admin", "usable_password": "true",
        "password1": "a-long-password-2026", "password2": "a-long-password-2026",
    })
    added = User.objects.get(email="new.admin@clinic.test")
    assert added.is_staff and list(added.groups.values_list("name", flat=True)) == ["admin"]


def test_patient_accounts_are_not_in_the_django_admin_so_no_admin_can_set_their_password() -> None:
    patient = make_user("patient", email="pat@example.test")
    admin = signed_in(make_user("admin"))
    changelist = admin.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "pat@example.test" not in changelist
    assert admin.get(reverse("admin:auth_user_password_change", args=[patient.pk])).status_code in (302, 404)
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[patient.pk]),
        {"password1": "taken-over-2026!", "password2": "taken-over-2026!"},
    )
    patient.refresh_from_db()
    assert response.status_code in (302, 404) and not patient.check_password("taken-over-2026!")


def test_the_django_admin_offers_only_staff_roles_for_a_new_account() -> None:
    page = signed_in(make_user("admin")).get(reverse("admin:accounts_user_add")).content.decode()
    assert 'value="clinician"' in page and 'value="admin"' in page and 'value="patient"' not in page


def test_intakes_are_not_in_the_django_admin() -> None:
    page = signed_in(make_user("admin")).get(reverse("admin:index")).content.decode()
    assert "Intake" not in page


def add_in_admin(email: str) -> object:
    return signed_in(make_user("admin")).post(reverse("admin:accounts_user_add"), {
        "email": email, "role": "clinician", "usable_password": "true",
        "password1": "a-long-password-2026", "password2": "a-long-password-2026",
    })


def test_an_address_typed_in_the_django_admin_is_stored_trimmed_and_in_lower_case() -> None:
    add_in_admin(" New.Clinician@Clinic.TEST ")
    assert User.objects.filter(email="new.clinician@clinic.test").exists()


def test_the_django_admin_refuses_an_address_taken_in_another_case_with_a_clear_message() -> None:
    make_user("clinician", email="casey@clinic.test")
    page = add_in_admin("CASEY@Clinic.test")
    assert page.status_code == 200
    assert "An account with this email address already exists." in page.content.decode()
    assert User.objects.filter(email__iexact="casey@clinic.test").count() == 1


def root_client() -> object:
    return signed_in(User.objects.create_superuser("root@clinic.test", "a-long-root-passphrase"))


def test_a_lock_out_shows_who_and_from_where_but_not_the_form_data_axes_keeps() -> None:
    make_user("patient", email="pat@example.test")
    form = {"username": "PAT@example.test", "password": "wrong", "next": "/secret-next/"}
    Client(REMOTE_ADDR="203.0.113.5").post(reverse("accounts:login"), form)
    attempt = AccessAttempt.objects.get()
    root = root_client()
    page = root.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk])).content.decode()
    assert "pat@example.test" in page and "203.0.113.5" in page
    assert "secret-next" not in page and "POST Data" not in page and "User Agent" not in page
    admin_role = signed_in(make_user("admin"))
    assert admin_role.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_the_sign_in_log_lists_staff_sign_ins_only() -> None:
    for role, email in (("patient", "pat@example.test"), ("clinician", "casey@clinic.test")):
        make_user(role, email=email)
        Client().post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    page = root_client().get(reverse("admin:axes_accesslog_changelist")).content.decode()
    assert "casey@clinic.test" in page and "pat@example.test" not in page
