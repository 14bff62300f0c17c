"""The patient's busiest requests make a fixed number of queries, however many cases the clinic holds."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from outbox.models import Message
from patients.models import Intake
from patients.steps import steps_for
from screening.models import ScreeningFlag, ScreeningResult
from tests.factories import UserFactory
from tests.patients.answers import TODAY, complete_answers, step_data

# The counts include the SAVEPOINT and RELEASE that the test's own transaction makes of the request's.
pytestmark = pytest.mark.django_db
SUBMIT_QUERIES = 14
STEP_SAVE_QUERIES = 9


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(datetime(TODAY.year, TODAY.month, TODAY.day, 16, 0, tzinfo=UTC), tick=False):
        yield


def signed_in_draft(**overrides: object) -> tuple[Client, Intake]:
    patient = UserFactory(first_name="Alex")
    answers = complete_answers(**overrides)
    slugs = [step.slug for step in steps_for(answers) if step.slug != "review"]
    intake = Intake.objects.create(patient=patient, answers=answers, completed_steps=slugs)
    client = Client()
    client.force_login(patient)
    # The patient has been on the review page: the session knows when they were last seen.
    client.get(reverse("patients:review", kwargs={"pk": intake.pk}))
    return client, intake


@pytest.mark.parametrize("overrides", [{}, {"hx_aneurysm": "yes", "hx_avm": "unsure", "bipolar_dx": "yes"}])
def test_submit_makes_at_most_14_queries_and_stores_every_flag(
    overrides: dict, django_assert_max_num_queries: object
) -> None:
    client, intake = signed_in_draft(**overrides)
    with django_assert_max_num_queries(SUBMIT_QUERIES):
        response = client.post(reverse("patients:submit", kwargs={"pk": intake.pk}), step_data("review"))
    assert response.status_code == 302
    result = ScreeningResult.objects.get(intake=intake, is_current=True)
    assert (result.outcome == "ELIGIBLE") == (not overrides)
    assert ScreeningFlag.objects.filter(result=result).count() >= (3 if overrides else 0)
    assert Message.objects.filter(kind="intake-submitted").count() == 1


def test_a_step_save_makes_a_fixed_number_of_queries(django_assert_max_num_queries: object) -> None:
    client, intake = signed_in_draft()
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "about-you"})
    with django_assert_max_num_queries(STEP_SAVE_QUERIES):
        response = client.post(url, step_data("about-you", first_name="Alexandra", action="continue"))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.answers["first_name"] == "Alexandra"


def test_a_page_saved_again_unchanged_reads_neither_the_patient_again_nor_the_dictionary(
    django_assert_max_num_queries: object,
) -> None:
    client, intake = signed_in_draft()
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "about-you"})
    client.post(url, step_data("about-you", action="continue"))
    # Unchanged answers cannot make an urgent rule fire anew: no document, no medication matcher.
    with django_assert_max_num_queries(STEP_SAVE_QUERIES - 1) as queries:
        response = client.post(url, step_data("about-you", action="continue"))
    assert response.status_code == 302
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "screening_medicationname" not in tables
    assert tables.count('FROM "accounts_user"') == 1  # the signed-in user, read once by the session
