import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessRecord
from audit.views import RECORDS_PER_PAGE
from tests.audit.conftest import log_access
from tests.factories import UserFactory
from tests.screening.test_views import client_for, urgent_alert

pytestmark = pytest.mark.django_db
LOG = reverse("audit:access-log")
MINE = reverse("audit:my-record-access")


def main_of(response: object) -> str:
    """The page's own content, without the shared header and footer."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def rows_of(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td.*?</tr>", html, flags=re.S)


@pytest.fixture
def casey() -> object:
    return UserFactory(role="clinician", first_name="Casey", last_name="Carer", email="casey@example.test")


@pytest.fixture
def alice() -> object:
    return UserFactory(role="patient", first_name="Alice", last_name="Quill", email="alice@example.test")


def test_the_log_shows_who_their_role_when_the_patient_reference_and_the_address(
    admin_client: Client, casey: object, alice: object
) -> None:
    log_access(casey, alice, at=datetime(2026, 6, 15, 14, 5, tzinfo=UTC))
    html = main_of(admin_client.get(LOG))
    [row] = rows_of(html)
    assert "Casey Carer" in row and "casey@example.test" in row and "Clinician" in row
    assert "15 Jun 2026, 10:05" in row  # the clinic's time zone
    assert f"P-{alice.pk}" in row and "Opened the record" in row and "203.0.113.9" in row
    assert "1 line, newest first." in html


def test_a_line_from_a_crisis_alert_shows_no_health_information_nor_the_page(admin_client: Client) -> None:
    alert = urgent_alert(answers={"phone": "555 010 0199"})
    client_for(UserFactory(role="clinician")).get(reverse("screening:alert-detail", args=[alert.pk]))
    patient = alert.intake.patient
    html = main_of(admin_client.get(LOG))
    assert len(rows_of(html)) == 1 and f"P-{patient.pk}" in html
    for revealing in (patient.email, patient.first_name, patient.last_name, "555 010 0199", "SI_CSSRS",
                      "URGENT", "alert", "Alert", "crisis", "Crisis", "screening", "suicid", "/screening/"):
        assert revealing not in html, revealing


def test_admins_filter_by_staff_member_patient_email_patient_reference_and_dates(
    admin_client: Client, casey: object, alice: object
) -> None:
    robin, bob = UserFactory(role="clinician"), UserFactory(role="patient")
    log_access(casey, alice, at=datetime(2026, 6, 1, 15, 0, tzinfo=UTC))
    log_access(robin, alice, at=datetime(2026, 6, 20, 15, 0, tzinfo=UTC))
    log_access(casey, bob, at=datetime(2026, 6, 10, 15, 0, tzinfo=UTC))

    def count(**query: object) -> int:
        return len(rows_of(main_of(admin_client.get(LOG, query))))

    assert count() == 3
    assert count(staff=casey.pk) == 2
    assert count(patient="Alice@Example.test") == 2
    assert count(patient=f"P-{bob.pk}") == 1
    assert count(date_from="2026-06-10") == 2
    assert count(date_from="2026-06-01", date_to="2026-06-10", staff=casey.pk, patient=f"p{alice.pk}") == 1
    filtered = main_of(admin_client.get(LOG, {"staff": casey.pk}))
    assert "2 lines match these filters" in filtered and "Clear filters" in filtered


@pytest.mark.parametrize(("query", "message"), [
    ({"patient": "alice"}, "Enter the patient&#x27;s email address, or a reference from this log"),
    ({"date_from": "2026-02-30"}, "Enter a real date, such as 2026-03-31."),
    ({"date_from": "2026-06-10", "date_to": "2026-06-01"}, "The end date must be the same as or after"),
    ({"staff": "999999"}, "Select a valid choice."),
])
def test_bad_filters_are_explained_and_show_no_lines(
    admin_client: Client, casey: object, alice: object, query: dict, message: str
) -> None:
    log_access(casey, alice)
    response = admin_client.get(LOG, query)
    html = main_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert rows_of(html) == [] and "Correct the filters above to see the log." in html


def test_the_log_is_paginated_newest_first_and_the_pages_keep_the_filters(
    admin_client: Client, casey: object, alice: object
) -> None:
    records = [log_access(casey, alice, at=datetime(2026, 6, 1, 12, n, tzinfo=UTC)) for n in range(51)]
    first = main_of(admin_client.get(LOG, {"staff": casey.pk}))
    assert len(rows_of(first)) == RECORDS_PER_PAGE
    assert "Page 1 of 2" in first and f'href="?staff={casey.pk}&amp;page=2"' in first
    second = main_of(admin_client.get(LOG, {"staff": casey.pk, "page": 2}))
    assert len(rows_of(second)) == 1 and records[0].at.strftime("%H:%M") != records[-1].at.strftime("%H:%M")
    assert "Page 2 of 2" in second and "08:00" in second  # the oldest line, 12:00 UTC


def test_an_empty_log_and_a_search_with_no_match_each_say_so(admin_client: Client, alice: object) -> None:
    assert "No member of staff has opened a patient's record yet." in main_of(admin_client.get(LOG))
    unknown = main_of(admin_client.get(LOG, {"patient": "nobody@example.test"}))
    never_opened = main_of(admin_client.get(LOG, {"patient": alice.email}))
    assert "No lines match these filters." in unknown
    # A patient nobody opened looks exactly like an address that is not a patient's.
    assert unknown.replace("nobody@example.test", "X") == never_opened.replace(alice.email, "X")


def test_a_patient_sees_who_opened_their_record_and_no_one_else_s(casey: object, alice: object) -> None:
    log_access(casey, alice, at=datetime(2026, 6, 15, 14, 5, tzinfo=UTC))
    other_reader = UserFactory(role="clinician", first_name="Other", last_name="Reader")
    log_access(other_reader, UserFactory(role="patient"))
    html = main_of(client_for(alice).get(MINE))
    [row] = rows_of(html)
    assert "Casey Carer" in row and "Clinician" in row and "June 15, 2026, 10:05 a.m." in row
    assert "Opened your record" in row
    assert "Reader" not in html and "casey@example.test" not in html and "203.0.113.9" not in html


def test_a_patient_whose_record_nobody_opened_is_told_so(alice: object) -> None:
    assert "Nobody at the clinic has opened your record yet." in main_of(client_for(alice).get(MINE))


def test_the_log_pages_only_answer_get(admin_client: Client) -> None:
    assert admin_client.post(LOG).status_code == 405
    assert not AccessRecord.objects.exists()


def test_the_log_page_costs_the_same_queries_for_one_line_or_a_full_page(
    admin_client: Client, casey: object, alice: object
) -> None:
    log_access(casey, alice)
    admin_client.get(LOG)  # stores "last seen" (at most once a minute): the counted requests compare the page
    with CaptureQueriesContext(connection) as one:
        admin_client.get(LOG)
    for _ in range(RECORDS_PER_PAGE):
        log_access(UserFactory(role="clinician"), UserFactory(role="patient"))
    admin_client.get(LOG)
    with CaptureQueriesContext(connection) as full:
        admin_client.get(LOG)
    assert len(full) == len(one)
