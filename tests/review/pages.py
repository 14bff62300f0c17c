"""Helpers for the review page tests: a signed-in client and the case page's addresses."""

from django.test import Client
from django.urls import reverse

from patients.models import Intake
from tests.second_factor import force_login_verified


def client_for(user: object) -> Client:
    """A client signed in as `user`, past the second factor."""
    client = Client()
    force_login_verified(client, user)
    return client


def case_url(intake: Intake) -> str:
    return reverse("review:case", args=[intake.pk])


def case_page(client: Client, intake: Intake) -> str:
    """The case page's HTML (asserting it opened)."""
    response = client.get(case_url(intake))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def action_url(name: str, intake: Intake, *args: int) -> str:
    return reverse(f"review:{name}", args=[intake.pk, *args])
