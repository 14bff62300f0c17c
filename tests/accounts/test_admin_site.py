import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import make_user, signed_in

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
