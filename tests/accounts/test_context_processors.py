"""The navigation's "second factor pending" flag: asked once per request, however the page got there."""

import pytest
from django.http import HttpRequest, HttpResponse

from accounts.access import patient_required, second_factor_step_view, staff_required
from accounts.context_processors import roles
from tests.accounts.test_access import person, request_as, with_app

pytestmark = pytest.mark.django_db


def flag_after(view: object, request: HttpRequest) -> object:
    """`second_factor_pending` as a template rendered by `view` would read it."""
    seen = {}

    def page(request: HttpRequest) -> HttpResponse:
        seen.update(roles(request))
        return HttpResponse("page")

    view(page)(request)
    return seen["second_factor_pending"]


def test_a_page_behind_the_access_check_needs_no_second_question(django_assert_num_queries: object) -> None:
    request = request_as(person("patient", second_factor_passed=False))
    pending = flag_after(patient_required, request)
    with django_assert_num_queries(0):
        assert not pending


def test_a_second_factor_page_still_asks_and_hides_the_navigation_until_the_code() -> None:
    request = request_as(with_app(person("patient", second_factor_passed=False)))
    assert flag_after(second_factor_step_view, request)


def test_a_staff_member_past_the_code_is_not_pending() -> None:
    assert not flag_after(staff_required, request_as(with_app(person("clinician"))))


def test_without_the_access_check_the_flag_asks_the_database(django_assert_num_queries: object) -> None:
    request = request_as(with_app(person("patient", second_factor_passed=False)))
    pending = roles(request)["second_factor_pending"]
    with django_assert_num_queries(1):
        assert pending


def test_without_the_access_check_a_user_without_an_app_is_not_pending() -> None:
    assert not roles(request_as(person("patient", second_factor_passed=False)))["second_factor_pending"]
