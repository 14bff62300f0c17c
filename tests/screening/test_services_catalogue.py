"""The catalogue's open-case counts: counted by the periodic task, read by the page while fresh."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from screening import services
from screening.models import RuleCaseCount
from screening.rules import CATALOGUE
from screening.services.catalogue import COUNTS_FRESH_FOR, count_open_cases, counts_as_of
from screening.tasks import count_open_cases as count_task
from tests.factories import IntakeFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
ELEVATED = "CARDIO_BP_ELEVATED"


def open_case_with_elevated_bp(status: str = "submitted") -> None:
    intake = IntakeFactory(status=status, document=make_document(bp_systolic=150))
    services.screen_intake(intake=intake, reason="submitted")


def elevated_cell(client: Client) -> str:
    """The open-case count shown in the rule's row (for a clinician, the text of its link to the queue)."""
    html = client.get(reverse("screening:catalogue")).content.decode()
    start = html.index(f'id="rule-{ELEVATED}"')
    cell = html[start : html.index("</tr>", start)].rstrip().rsplit("<td", 1)[1]
    return re.sub(r"<span[^>]*>.*?</span>|<a [^>]*>|</a>", "", cell)


def test_the_task_stores_every_rules_open_cases_and_running_it_again_replaces_them() -> None:
    open_case_with_elevated_bp()
    open_case_with_elevated_bp(status="declined")
    assert count_task.apply().get() == len(CATALOGUE)
    open_case_with_elevated_bp()
    count_open_cases(now=NOW)
    assert RuleCaseCount.objects.count() == len(CATALOGUE)
    assert RuleCaseCount.objects.get(code=ELEVATED).open_cases == 2
    assert set(RuleCaseCount.objects.values_list("counted_at", flat=True)) == {NOW}


def test_the_page_shows_the_stored_counts_and_when_they_were_counted(clinician_client: Client) -> None:
    open_case_with_elevated_bp()
    count_open_cases(now=NOW)
    open_case_with_elevated_bp()  # after the count: shown at the next one
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        cell = elevated_cell(clinician_client)
        html = clinician_client.get(reverse("screening:catalogue")).content.decode()
    assert cell == ' class="text-end">1</td>'
    assert "counted at 05:00" in html  # 09:00 UTC in the clinic's time zone (New York, summer)


def test_counts_older_than_three_runs_of_the_task_are_replaced_by_counting_now(
    clinician_client: Client,
) -> None:
    open_case_with_elevated_bp()
    count_open_cases(now=NOW)
    open_case_with_elevated_bp()
    later = NOW + COUNTS_FRESH_FOR + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        cell = elevated_cell(clinician_client)
    assert cell == ' class="text-end">2</td>'
    assert counts_as_of(now=later)[1] == later


def test_with_fresh_counts_the_catalogue_makes_the_same_queries_however_many_cases(
    clinician_client: Client, django_assert_max_num_queries: object
) -> None:
    for _ in range(3):
        open_case_with_elevated_bp()
    count_open_cases(now=NOW)
    with time_machine.travel(NOW, tick=False):
        clinician_client.get(reverse("screening:catalogue"))  # the session stores when it was last seen
        with django_assert_max_num_queries(4) as queries:
            clinician_client.get(reverse("screening:catalogue"))
    assert not [query for query in queries.captured_queries if "screening_screeningflag" in query["sql"]]
