import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from accounts.access import PUBLIC, admin_required, patient_required, public, role_required, staff_required
from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db


@staff_required
def staff_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff page")


@patient_required
def patient_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("patient page")


def request_as(user: object, path: str = "/somewhere/?x=1") -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = user
    return request


def person(role: str, verified: bool = True) -> User:
    verified_at = timezone.now() if verified else None
    return User(email=f"{role}@example.test", role=role, email_verified_at=verified_at)


def test_anonymous_visitors_are_sent_to_sign_in_and_brought_back() -> None:
    response = staff_page(request_as(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/somewhere/%3Fx%3D1"


@pytest.mark.parametrize("role", ["clinician", "admin"])
def test_staff_pages_serve_clinicians_and_admins(role: str) -> None:
    assert staff_page(request_as(person(role))).content == b"staff page"


def test_a_signed_in_user_with_another_role_is_refused() -> None:
    with pytest.raises(PermissionDenied):
        staff_page(request_as(person("patient")))
    with pytest.raises(PermissionDenied):
        patient_page(request_as(person("clinician")))


def test_an_unverified_patient_is_sent_to_check_their_email() -> None:
    response = patient_page(request_as(person("patient", verified=False)))
    assert (response.status_code, response["Location"]) == (302, "/accounts/check-email/")


def test_a_verified_patient_gets_the_patient_page() -> None:
    assert patient_page(request_as(person("patient"))).content == b"patient page"


def test_decorated_views_declare_their_roles_for_the_access_table() -> None:
    assert staff_page.allowed_roles == {Role.CLINICIAN, Role.ADMIN}
    assert admin_required(staff_page).allowed_roles == {Role.ADMIN}
    assert role_required(*Role)(staff_page).allowed_roles == set(Role)


def test_public_marks_a_view_open_to_everyone() -> None:
    def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse("open")

    assert public(page).allowed_roles == PUBLIC
    assert page(request_as(AnonymousUser())).content == b"open"
