"""The queue: order, what each row shows, filters, search, pages, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patients.models import Intake
from review import services
from review.selectors import QueueFilters, claim_filter_choices, queue_page
from review.selectors.queue import COUNT_CAP
from review.synthetic import add_cases
from screening.models import ClinicSettings
from tests.factories import UserFactory
from tests.review.cases import EXCLUSION, INFO, NOW, PRECAUTION, URGENT, clinician, screened_case

pytestmark = pytest.mark.django_db


def case(sent_days_ago: float = 0, **document: object) -> Intake:
    intake = screened_case(**document)
    Intake.objects.filter(pk=intake.pk).update(submitted_at=NOW - timedelta(days=sent_days_ago))
    intake.refresh_from_db()
    return intake


def pks(filters: QueueFilters | None = None, **kwargs: object) -> list[int]:
    return [row.intake.pk for row in queue_page(filters or QueueFilters(), now=NOW, **kwargs).rows]


def test_the_queue_is_urgent_then_blocked_review_eligible_and_oldest_first_within_each() -> None:
    eligible_old, review_new = case(5), case(0, **PRECAUTION)
    urgent, blocked = case(0, **URGENT), case(1, **EXCLUSION)
    review_old, eligible_new = case(3, **PRECAUTION), case(0)
    expected = [urgent, blocked, review_old, review_new, eligible_old, eligible_new]
    assert pks() == [intake.pk for intake in expected]


def test_the_queue_shows_cases_waiting_for_review_and_a_status_filter_shows_others(casey: object) -> None:
    waiting, in_review, declined = case(), case(), case()
    services.claim_case(intake=in_review, by=casey)
    services.decline_case(intake=declined, by=casey, patient_message="m", internal_reason="r")
    assert pks() == [waiting.pk, in_review.pk]
    assert pks(QueueFilters(status="declined")) == [declined.pk]
    assert pks(QueueFilters(status="draft")) == []


def test_each_row_shows_the_flag_counts_of_the_current_result_by_severity() -> None:
    case(**URGENT, **EXCLUSION, **PRECAUTION, **INFO)
    [row] = queue_page(QueueFilters(), now=NOW).rows
    assert row.flag_counts == (("URGENT", 1), ("EXCLUSION", 1), ("PRECAUTION", 1), ("INFO", 1))
    assert row.patient.email == row.intake.patient.email


def test_waiting_is_counted_in_working_days_against_the_target_and_overdue_marked() -> None:
    ClinicSettings.objects.update(review_working_days=2)
    sent_thursday = case(4)  # Thursday June 11: due Monday June 15, today
    sent_wednesday = case(5)  # due Friday June 12: overdue
    urgent_yesterday = case(1, **URGENT)  # urgent, sent Sunday: due that day
    page = queue_page(QueueFilters(), now=NOW)
    rows = {row.intake.pk: row.waiting for row in page.rows}
    assert page.target_days == 2
    assert (
        rows[sent_thursday.pk].working_days,
        rows[sent_thursday.pk].due_on,
        rows[sent_thursday.pk].overdue,
    ) == (2, date(2026, 6, 15), False)
    assert (rows[sent_wednesday.pk].working_days, rows[sent_wednesday.pk].overdue) == (3, True)
    assert (rows[urgent_yesterday.pk].due_on, rows[urgent_yesterday.pk].overdue) == (date(2026, 6, 14), True)


def test_a_lapsed_claim_shows_as_unclaimed(casey: object, clock: object) -> None:
    intake = case()
    services.claim_case(intake=intake, by=casey)
    assert queue_page(QueueFilters(), now=NOW).rows[0].claimed_by == casey
    later = NOW + timedelta(minutes=61)
    assert queue_page(QueueFilters(), now=later).rows[0].claimed_by is None
    assert (
        pks(
            QueueFilters(unclaimed=True),
        )
        == []
    )
    assert [row.intake.pk for row in queue_page(QueueFilters(unclaimed=True), now=later).rows] == [intake.pk]


def test_filters_by_outcome_flag_code_claim_and_sending_dates(casey: object, corey: object) -> None:
    blocked, review, eligible = case(0, **EXCLUSION), case(2, **PRECAUTION), case(9)
    services.claim_case(intake=review, by=casey)
    assert pks(QueueFilters(outcome="BLOCKED")) == [blocked.pk]
    assert pks(QueueFilters(flag_code="CARDIO_BP_ELEVATED")) == [review.pk]
    assert pks(QueueFilters(claimed_by=casey.pk)) == [review.pk]
    assert pks(QueueFilters(claimed_by=corey.pk)) == []
    assert pks(QueueFilters(unclaimed=True)) == [blocked.pk, eligible.pk]
    assert pks(QueueFilters(submitted_from=date(2026, 6, 13))) == [blocked.pk, review.pk]
    assert pks(QueueFilters(submitted_to=date(2026, 6, 13))) == [review.pk, eligible.pk]
    assert pks(QueueFilters(submitted_from=date(2026, 6, 13), submitted_to=date(2026, 6, 13))) == [review.pk]


def test_search_finds_a_patient_by_any_part_of_the_name_or_email_or_a_case_number() -> None:
    robin = case()
    Intake.objects.filter(pk=robin.pk).update(
        patient=UserFactory(first_name="Robin", last_name="Okafor", email="r.okafor@mail.test")
    )
    other = case()
    assert pks(QueueFilters(search="okaf")) == [robin.pk]
    assert pks(QueueFilters(search="robin okafor")) == [robin.pk]
    assert pks(QueueFilters(search="R.OKAFOR@MAIL")) == [robin.pk]
    assert pks(QueueFilters(search=str(other.pk))) == [other.pk]
    assert pks(QueueFilters(search="nobody")) == []


def test_pages_follow_each_other_forward_and_back_without_gaps_or_repeats() -> None:
    add_cases(count=23, seed=1, now=NOW)
    everything = pks(page_size=100)
    first = queue_page(QueueFilters(), now=NOW, page_size=10)
    assert [row.intake.pk for row in first.rows] == everything[:10]
    assert first.previous_cursor == "" and first.next_cursor
    second = queue_page(QueueFilters(), now=NOW, page_size=10, cursor=first.next_cursor)
    third = queue_page(QueueFilters(), now=NOW, page_size=10, cursor=second.next_cursor)
    assert [row.intake.pk for row in second.rows] == everything[10:20]
    assert [row.intake.pk for row in third.rows] == everything[20:]
    assert third.next_cursor == "" and third.previous_cursor
    back = queue_page(QueueFilters(), now=NOW, page_size=10, cursor=third.previous_cursor)
    assert [row.intake.pk for row in back.rows] == everything[10:20]
    assert back.next_cursor and back.previous_cursor
    assert [
        row.intake.pk
        for row in queue_page(QueueFilters(), now=NOW, page_size=10, cursor=back.previous_cursor).rows
    ] == everything[:10]
    assert first.total == 23 and not first.total_is_capped


@pytest.mark.parametrize("cursor", ["", "garbage", "!!!", "YWZ0ZXJ8eHx5fHo", "YmVmb3JlfDF8MjAyNnwx"])
def test_an_unreadable_cursor_gives_the_first_page(cursor: str) -> None:
    intake = case()
    assert [row.intake.pk for row in queue_page(QueueFilters(), now=NOW, cursor=cursor).rows] == [intake.pk]


def test_the_count_stops_at_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("review.selectors.queue.COUNT_CAP", 5)
    add_cases(count=7, now=NOW)
    page = queue_page(QueueFilters(), now=NOW)
    assert (page.total, page.total_is_capped, len(page.rows)) == (5, True, 7)
    assert COUNT_CAP == 1000


def queries_for_a_page(**filters: object) -> tuple[int, int]:
    """(queries, rows) of reading a page of up to 200 rows and everything each row shows."""
    with CaptureQueriesContext(connection) as captured:
        page = queue_page(QueueFilters(**filters), now=NOW, page_size=200)
        [(row.patient.email, row.claimed_by, row.flag_counts, row.waiting.overdue) for row in page.rows]
    return len(captured), len(page.rows)


def test_a_page_costs_the_same_queries_at_5_and_200_rows(django_assert_max_num_queries: object) -> None:
    clinician()  # some synthetic cases are claimed by a clinician
    add_cases(count=5, seed=2, now=NOW)
    with django_assert_max_num_queries(5):
        small, five = queries_for_a_page()
    add_cases(count=195, seed=3, now=NOW)
    with django_assert_max_num_queries(5):
        large, two_hundred = queries_for_a_page()
    assert (five, two_hundred) == (5, 200)
    assert small == large


def test_filters_and_search_cost_no_extra_query(django_assert_max_num_queries: object) -> None:
    clinician()
    add_cases(count=400, seed=4, now=NOW)
    filters = {
        "search": "example test",
        "outcome": "REVIEW",
        "unclaimed": True,
        "flag_code": "AGE_65_PLUS",
        "submitted_from": date(2026, 5, 1),
        "submitted_to": date(2026, 6, 15),
    }
    with django_assert_max_num_queries(5):
        queries, rows = queries_for_a_page(**filters)
    assert rows > 5 and queries == queries_for_a_page()[0]


def test_the_claim_filter_offers_active_clinicians_by_name() -> None:
    later, earlier = clinician(first_name="Zoe"), clinician(first_name="Ann")
    clinician(first_name="Gone", is_active=False)
    UserFactory(role="admin")
    assert claim_filter_choices() == [earlier, later]
