"""A session the database cannot save (a restart, a concurrent sign-out) never hides a committed submit."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from patients.steps import steps_for
from tests.factories import UserFactory
from tests.patients.answers import TODAY, complete_answers, step_data

pytestmark = pytest.mark.django_db
FAIL_SESSION_SAVES = {
    "sqlite": [
        "CREATE TRIGGER session_save_fails BEFORE UPDATE ON django_session "
        "BEGIN SELECT RAISE(ABORT, 'the database is restarting'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION session_save_fails() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'the database is restarting'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER session_save_fails BEFORE UPDATE ON django_session "
        "FOR EACH ROW EXECUTE FUNCTION session_save_fails()",
    ],
}


def sql(*statements: str) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextmanager
def session_saves_fail() -> Iterator[None]:
    """Inside the block the database refuses every update of a session row, as a restarting server would."""
    sql(*FAIL_SESSION_SAVES[connection.vendor])
    yield
    sql("DROP TRIGGER session_save_fails" + (" ON django_session" if connection.vendor != "sqlite" else ""))


def test_a_submit_that_committed_shows_the_confirmation_even_when_the_session_cannot_be_saved() -> None:
    with time_machine.travel(datetime(TODAY.year, TODAY.month, TODAY.day, 16, tzinfo=UTC), tick=False):
        patient = UserFactory(first_name="Alex")
        answers = complete_answers()
        done = [step.slug for step in steps_for(answers) if step.slug != "review"]
        intake = Intake.objects.create(patient=patient, answers=answers, completed_steps=done)
        client = Client()
        client.force_login(patient)

        with session_saves_fail():
            response = client.post(reverse("patients:submit", kwargs={"pk": intake.pk}), step_data("review"))
            confirmation = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == reverse("patients:confirmation", kwargs={"pk": intake.pk})
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.SUBMITTED
    assert confirmation.status_code == 200 and "Your form has been sent" in confirmation.content.decode()
