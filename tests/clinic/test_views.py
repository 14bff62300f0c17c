import pytest
from django.test import Client, RequestFactory

from clinic import views

pytestmark = pytest.mark.django_db


def test_an_unknown_address_shows_the_clinics_own_not_found_page() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "Skip to main content" in page


def test_a_wrong_role_sees_the_clinics_own_forbidden_page(patient_client: Client) -> None:
    response = patient_client.get("/screening/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_the_server_error_page_renders_without_a_request_context_and_reassures() -> None:
    response = views.server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "Nothing you saved has been lost" in page
