"""Recording what happened with an urgent case's alert from the case page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from review.models import AlertDisposition
from tests.review.cases import NOW, URGENT, screened_case
from tests.review.pages import action_url, case_url, client_for

pytestmark = pytest.mark.django_db


def record(client: object, intake: object, **fields: str) -> object:
    alert = intake.crisis_alerts.get()
    data = {f"alert-{alert.pk}-{key}": value for key, value in fields.items()}
    return client.post(action_url("alert-disposition", intake, alert.pk), data)


def test_the_call_is_recorded_and_the_urgent_flag_settled(casey: object) -> None:
    intake = screened_case(**URGENT)
    client = client_for(casey)
    response = record(client, intake, kind="contacted", note="Safety plan made with the patient")
    anchor = f"#alert-{intake.crisis_alerts.get().pk}"
    assert response.status_code == 302 and response["Location"].endswith(anchor)
    html = client.get(case_url(intake)).content.decode()
    assert "Contacted the patient, safety plan made" in html and "Safety plan made with the patient" in html
    assert "Dealt with." in html and "the urgent alert" not in html.lower().split('id="decision"')[1][:800]


def test_could_not_reach_needs_a_retry_time_and_keeps_the_note(casey: object) -> None:
    intake = screened_case(**URGENT)
    response = record(client_for(casey), intake, kind="not_reached", note="Voicemail left")
    html = response.content.decode()
    assert response.status_code == 200 and "Give the time to try the patient again." in html
    assert "Voicemail left</textarea>" in html and not AlertDisposition.objects.exists()


def test_a_retry_time_in_the_past_is_refused(casey: object) -> None:
    intake = screened_case(**URGENT)
    past = timezone.localtime(NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    html = record(client_for(casey), intake, kind="not_reached", note="n", retry_at=past).content.decode()
    assert "Give a retry time that is still to come." in html


def test_could_not_reach_with_a_retry_time_leaves_the_alert_waiting(casey: object) -> None:
    intake = screened_case(**URGENT)
    client = client_for(casey)
    later = "2026-06-15T16:30"  # clinic time, after NOW (noon in New York)
    assert record(client, intake, kind="not_reached", note="No answer", retry_at=later).status_code == 302
    html = client.get(case_url(intake)).content.decode()
    assert "try again Mon 15 Jun, 16:30" in html and "Record the outcome" in html
    assert "the patient has not been reached yet" in html


def test_a_missing_kind_and_note_are_both_named(casey: object) -> None:
    html = record(client_for(casey), screened_case(**URGENT)).content.decode()
    assert "Choose what happened." in html and "Write a note about what happened." in html


def test_an_alert_of_another_case_is_not_found(casey: object) -> None:
    intake, other = screened_case(**URGENT), screened_case(**URGENT)
    url = action_url("alert-disposition", intake, other.crisis_alerts.get().pk)
    assert client_for(casey).post(url, {}).status_code == 404
