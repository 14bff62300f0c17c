"""A step page posted after the session ended is kept, unsaved, and shown again to its owner after sign-in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from tests.accounts.conftest import signed_in
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.django_db
START = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("America/New_York"))
PASSWORD = "correct-horse-battery-9"  # tests.factories.UserFactory's password
NOT_SAVED = "You were signed out before this page was saved"


def draft_of(patient: object) -> Intake:
    return Intake.objects.create(patient=patient, answers=complete_answers(first_name="Alex"))


def about_you(intake: Intake) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": "about-you"})


def sign_in(client: Client, login_url: str, email: str) -> object:
    """Sign in on the page the app sent us to (its ?next= included), following the redirects."""
    return client.post(login_url, {"username": email, "password": PASSWORD}, follow=True)


def test_a_page_posted_after_the_idle_limit_is_shown_again_unsaved_after_sign_in() -> None:
    patient = UserFactory(email="alex@example.test")
    intake = draft_of(patient)
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(patient)
        assert client.get(about_you(intake)).status_code == 200
        clock.shift(timedelta(minutes=31))
        expired = client.post(about_you(intake), step_data("about-you", first_name="Alexandra"), follow=True)
        login_page = expired.content.decode()
        page = sign_in(client, expired.redirect_chain[-1][0], patient.email)

    assert "signed out after a period of inactivity" in login_page and "we kept it" in login_page
    assert page.redirect_chain[-1][0] == about_you(intake)
    html = page.content.decode()
    assert NOT_SAVED in html and 'value="Alexandra"' in html
    intake.refresh_from_db()
    assert intake.answers["first_name"] == "Alex" and "about-you" not in intake.completed_steps
    assert intake.unsaved_pages["about-you"]["first_name"] == ["Alexandra"]


def test_a_page_posted_after_the_session_is_gone_is_kept_for_its_owner() -> None:
    patient = UserFactory(email="alex@example.test")
    intake = draft_of(patient)
    browser = Client()  # the session cookie is gone (browser closed, session deleted)

    response = browser.post(about_you(intake), step_data("about-you", first_name="Alexandra"), follow=True)
    page = sign_in(browser, response.redirect_chain[-1][0], patient.email)

    assert "we kept it" in response.content.decode()
    assert page.redirect_chain[-1][0] == about_you(intake)
    assert NOT_SAVED in page.content.decode() and 'value="Alexandra"' in page.content.decode()
    assert Intake.objects.get(pk=intake.pk).answers["first_name"] == "Alex"


def test_a_post_kept_without_a_session_never_reaches_someone_else_who_signs_in() -> None:
    owner, other = UserFactory(email="alex@example.test"), UserFactory(email="sam@example.test")
    intake, others_draft = draft_of(owner), draft_of(other)
    browser = Client()

    response = browser.post(about_you(intake), step_data("about-you", first_name="Mallory"), follow=True)
    page = sign_in(browser, response.redirect_chain[-1][0], other.email)

    assert page.status_code == 404  # the intake in the kept post is not theirs
    assert browser.get(about_you(others_draft)).status_code == 200
    for draft in (intake, others_draft):
        draft.refresh_from_db()
        assert draft.unsaved_pages == {} and draft.answers["first_name"] == "Alex"


def test_a_post_kept_after_a_patients_session_expired_is_not_shown_to_the_next_user_of_the_browser() -> None:
    owner, other = UserFactory(email="alex@example.test"), UserFactory(email="sam@example.test")
    intake = draft_of(owner)
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(owner)
        assert client.get(about_you(intake)).status_code == 200
        clock.shift(timedelta(minutes=31))
        expired = client.post(about_you(intake), step_data("about-you", first_name="Alexandra"), follow=True)
        page = sign_in(client, expired.redirect_chain[-1][0], other.email)

    assert page.status_code == 404 and "Alexandra" not in page.content.decode()
    assert Intake.objects.get(pk=intake.pk).unsaved_pages == {}


def test_a_post_to_a_page_that_does_not_keep_posts_is_not_stored(settings: object) -> None:
    patient = UserFactory(email="alex@example.test")
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(patient)
        assert client.get(reverse("accounts:password-change")).status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.post(reverse("accounts:password-change"), {"old_password": PASSWORD}, follow=True)
    assert "signed out after a period of inactivity" in response.content.decode()
    assert "we kept it" not in response.content.decode()
    assert "kept_post" not in client.session


def test_a_send_that_met_the_end_of_the_session_leads_back_to_the_review_page_unsent() -> None:
    patient = UserFactory(email="alex@example.test")
    intake = draft_of(patient)
    submit = reverse("patients:submit", kwargs={"pk": intake.pk})
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(patient)
        assert client.get(reverse("patients:review", kwargs={"pk": intake.pk})).status_code == 200
        clock.shift(timedelta(minutes=31))
        expired = client.post(submit, step_data("review"), follow=True)
        page = sign_in(client, expired.redirect_chain[-1][0], patient.email)

    assert page.redirect_chain[-1][0] == reverse("patients:review", kwargs={"pk": intake.pk})
    assert "Your form has not been sent yet" in page.content.decode()
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.DRAFT
