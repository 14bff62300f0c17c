import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import (
    PUBLIC,
    admin_required,
    patient_required,
    public,
    role_required,
    second_factor_step_view,
    staff_required,
)
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


def person(role: str, verified: bool = True, second_factor_passed: bool = True) -> User:
    """A saved user as OTPMiddleware leaves it: `is_verified()` says whether this session passed a code."""
    verified_at = timezone.now() if verified else None
    user = User.objects.create(email=f"{role}@example.test", role=role, email_verified_at=verified_at)
    user.is_verified = lambda: second_factor_passed
    return user


def with_app(user: User) -> User:
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


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


@pytest.mark.parametrize("role", ["clinician", "admin"])
def test_staff_without_an_app_are_sent_to_set_one_up_before_any_staff_page(role: str) -> None:
    response = staff_page(request_as(person(role, second_factor_passed=False)))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/set-up/?next=/somewhere/%3Fx%3D1"


def test_staff_with_an_app_who_have_not_entered_a_code_are_sent_to_enter_one() -> None:
    response = staff_page(request_as(with_app(person("clinician", second_factor_passed=False))))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/code/?next=/somewhere/%3Fx%3D1"


def test_a_patient_who_turned_two_factor_on_must_enter_a_code_too() -> None:
    response = patient_page(request_as(with_app(person("patient", second_factor_passed=False))))
    assert response["Location"].startswith("/accounts/two-factor/code/")


def test_a_patient_without_two_factor_needs_no_code() -> None:
    assert patient_page(request_as(person("patient", second_factor_passed=False))).content == b"patient page"


def test_a_role_outside_the_view_is_refused_before_any_second_factor_question() -> None:
    with pytest.raises(PermissionDenied):
        admin_required(staff_page)(request_as(person("clinician", second_factor_passed=False)))


def test_the_second_factor_pages_themselves_open_before_the_code_is_entered() -> None:
    @second_factor_step_view
    def code_page(request: HttpRequest) -> HttpResponse:
        return HttpResponse("code page")

    assert code_page(request_as(person("clinician", second_factor_passed=False))).content == b"code page"
    assert code_page.before_second_factor and not staff_page.before_second_factor
