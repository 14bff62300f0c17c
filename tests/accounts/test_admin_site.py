import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import make_user, password_only, signed_in

pytestmark = pytest.mark.django_db
USERS = reverse("admin:accounts_user_changelist")


def test_the_admin_role_uses_the_django_admin() -> None:
    make_user("clinician", email="listed@example.test")
    page = signed_in(make_user("admin")).get(USERS)
    assert page.status_code == 200 and "listed@example.test" in page.content.decode()


@pytest.mark.parametrize("role", ["patient", "clinician"])
def test_other_roles_are_refused_even_with_the_staff_flag(role: str) -> None:
    user = make_user(role)
    user.is_staff = True
    user.save()
    assert signed_in(user).get(USERS).status_code == 403


def test_visitors_are_sent_to_the_clinic_sign_in_page() -> None:
    response = Client().get(USERS)
    assert response["Location"] == f"{reverse('accounts:login')}?next={USERS}"


def test_the_admin_login_page_forwards_to_the_clinic_sign_in_page() -> None:
    response = Client().get(reverse("admin:login"), {"next": USERS})
    assert response["Location"] == f"{reverse('accounts:login')}?next={USERS}"


def test_an_admin_who_has_not_entered_a_code_is_sent_to_the_second_factor_first() -> None:
    admin = make_user("admin")
    response = password_only(admin).get(USERS)
    assert response["Location"] == f"{reverse('accounts:two-factor-setup')}?next={USERS}"
    TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    response = password_only(admin).get(reverse("admin:login"), {"next": USERS})
    assert response["Location"].startswith(f"{reverse('accounts:two-factor-verify')}?next=")


def test_no_authenticator_secret_or_recovery_code_is_in_the_django_admin() -> None:
    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & {"otp_totp", "otp_static"}
    index = signed_in(make_user("admin")).get(reverse("admin:index")).content.decode()
    assert "TOTP" not in index and "Static" not in index
    assert signed_in(make_user("admin")).get("/django-admin/otp_static/statictoken/").status_code == 404
