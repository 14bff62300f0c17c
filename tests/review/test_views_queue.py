"""The queue page: what a clinician sees in each row, filters with clear errors, pages, claiming, the log."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessRecord
from patients.models import Intake
from review import services
from review.models import Claim
from review.synthetic import add_cases
from tests.factories import UserFactory
from tests.review.cases import EXCLUSION, NOW, PRECAUTION, URGENT, screened_case
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db
QUEUE = reverse("review:queue")


def case(days_ago: float = 0, *, first: str = "Robin", last: str = "Okafor", **document: object) -> Intake:
    intake = screened_case(**document)
    patient = UserFactory(first_name=first, last_name=last, email=f"{first}.{last}@mail.test".lower())
    Intake.objects.filter(pk=intake.pk).update(patient=patient, submitted_at=NOW - timedelta(days=days_ago))
    intake.refresh_from_db()
    return intake


def signed_in(user: object) -> Client:
    return force_login_verified(Client(), user)


def body(client: Client, data: dict | None = None) -> str:
    response = client.get(QUEUE, data or {})
    assert response.status_code == 200
    return response.content.decode()


def row_of(html: str, intake: Intake) -> str:
    start = html.index(reverse("review:case", args=[intake.pk]))
    return html[start : html.index("</tr>", start)]


def test_each_row_shows_patient_wait_against_target_flags_in_words_status_and_claim(casey: object) -> None:
    overdue = case(5, first="Wren", last="Overdue", **EXCLUSION, **PRECAUTION)
    fresh = case(0, first="Faye", last="Fresh")
    html = body(signed_in(casey))
    late = row_of(html, overdue)
    assert "Wren Overdue" in late and "wren.overdue@mail.test" in late
    assert "3 working days" in late and "Overdue</strong> was due Fri 12 Jun" in late
    assert "1 exclusion</span>" in late and "1 precaution</span>" in late and "text-bg-warning" in late
    assert "Submitted" in late and "Unclaimed" in late
    assert "Overdue" not in row_of(html, fresh) and "Due Wed 17 Jun" in row_of(html, fresh)
    assert "within 2 working days" in html


def test_rows_come_urgent_first_and_each_links_to_its_case(casey: object) -> None:
    eligible, urgent = case(3, first="Ela", last="Eligible"), case(0, first="Uma", last="Urgent", **URGENT)
    html = body(signed_in(casey))
    assert html.index("Uma Urgent") < html.index("Ela Eligible")
    assert f'href="{reverse("review:case", args=[urgent.pk])}"' in html
    assert "1 urgent</span>" in row_of(html, urgent) and "None" in row_of(html, eligible)


def test_filters_by_flag_code_and_search_by_name_or_email(casey: object) -> None:
    blocked = case(first="Bo", last="Blocked", **EXCLUSION)
    case(first="Pat", last="Plain")
    client = signed_in(casey)
    only_blocked = body(client, {"flag_code": "CARDIO_ANEURYSM_AVM"})
    assert "Bo Blocked" in only_blocked and "Pat Plain" not in only_blocked
    assert "1 case matches these filters" in only_blocked
    assert "Bo Blocked" not in body(client, {"q": "plain"})
    assert "Bo Blocked" in body(client, {"q": "BO.BLOCKED@mail"})
    assert str(blocked.pk) in body(client, {"q": "bo"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"submitted_from": "31/02/2026"}, "Sent from: Enter a real date, such as 2026-03-31."),
        ({"submitted_from": "2026-06-10", "submitted_to": "2026-06-01"}, "must be the same as or after"),
        ({"flag_code": "NOT_A_CODE"}, "Flag: Choose a flag code from the list; NOT_A_CODE is not one."),
        ({"claimed": "abc"}, "Claimed by: Choose a clinician from the list, or unclaimed."),
        ({"outcome": "MAYBE"}, "Outcome: Select a valid choice."),
        ({"status": "draft"}, "Status: Select a valid choice."),
        ({"q": "a b c d e f"}, "Search: Search with at most 5 words."),
        ({"q": "x" * 101}, "Search: Ensure this value has at most 100 characters"),
    ],
)
def test_bad_filters_get_a_clear_error_and_no_rows(casey: object, data: dict, message: str) -> None:
    case(first="Hidden", last="Row")
    html = body(signed_in(casey), data)
    assert "There is a problem" in html and message in html
    assert "Correct the filters above" in html and "Hidden Row" not in html


def test_an_admin_s_account_is_no_choice_in_the_claim_filter(casey: object) -> None:
    admin = UserFactory(role="admin")
    html = body(signed_in(casey), {"claimed": str(admin.pk)})
    assert "Choose a clinician from the list" in html


@pytest.mark.parametrize("cursor", ["garbage", "", "%%%", "YWZ0ZXJ8MXwyfDM" * 40])
def test_a_broken_cursor_shows_the_first_page(casey: object, cursor: str) -> None:
    case(first="First", last="Page")
    assert "First Page" in body(signed_in(casey), {"cursor": cursor})


def test_the_empty_queue_says_so_and_an_empty_filter_offers_to_clear_it(casey: object) -> None:
    client = signed_in(casey)
    assert "No cases are waiting for review." in body(client)
    case()
    assert "No cases match these filters." in body(client, {"outcome": "URGENT"})


def test_pages_link_forward_and_back_keeping_the_filters(
    casey: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("review.views.queue.ROWS_PER_PAGE", 2)
    intakes = [case(days, first=f"Pat{days}", last="Paged") for days in (5, 4, 3)]
    client = signed_in(casey)
    first = client.get(QUEUE, {"q": "paged"})
    assert [row.intake for row in first.context["page"].rows] == intakes[:2]
    next_link = f"?q=paged&amp;cursor={first.context['page'].next_cursor}"
    assert f'href="{next_link}"' in first.content.decode()
    second = client.get(QUEUE + next_link.replace("&amp;", "&"))
    assert [row.intake for row in second.context["page"].rows] == intakes[2:]
    assert "Previous<span" in second.content.decode() and "Next<span" not in second.content.decode()


def test_every_patient_on_the_page_goes_into_the_access_log_once(casey: object) -> None:
    shown = [case(first="Log", last=f"Me{n}") for n in range(3)]
    body(signed_in(casey))
    records = AccessRecord.objects.filter(staff=casey, action="review:queue")
    assert sorted(record.patient_id for record in records) == sorted(intake.patient_id for intake in shown)
    body(signed_in(casey), {"outcome": "URGENT"})
    assert AccessRecord.objects.count() == 3


def test_claiming_a_case_redirects_back_with_a_message_and_shows_it_as_yours(casey: object) -> None:
    intake = case(first="Cla", last="Imed")
    client = signed_in(casey)
    back = QUEUE + "?q=imed"
    response = client.post(reverse("review:claim", args=[intake.pk]), {"next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    html = response.content.decode()
    assert f"You have claimed case {intake.pk}." in html
    assert "You" in row_of(html, intake) and "Release<span" in row_of(html, intake)
    assert Claim.objects.get(intake=intake).clinician == casey
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.IN_REVIEW


def test_another_clinician_s_claim_is_shown_and_claiming_it_is_refused_clearly(
    casey: object, corey: object
) -> None:
    intake = case(first="Held", last="Case")
    services.claim_case(intake=intake, by=corey)
    client = signed_in(casey)
    row = row_of(body(client), intake)
    assert "Corey Cosigner" in row and "Claim<span" not in row and "Release<span" not in row
    response = client.post(reverse("review:claim", args=[intake.pk]), follow=True)
    refusal = f"Case {intake.pk} was not claimed. Corey Cosigner is reviewing this case"
    assert refusal in response.content.decode()
    refused = client.post(reverse("review:release", args=[intake.pk]), follow=True).content.decode()
    assert "only they can release it" in refused
    assert Claim.objects.get(intake=intake).clinician == corey


def test_a_lapsed_claim_shows_unclaimed_and_can_be_taken_over(
    casey: object, corey: object, clock: object
) -> None:
    intake = case(first="Lap", last="Sed")
    services.claim_case(intake=intake, by=corey)
    clock.shift(timedelta(minutes=61))
    client = signed_in(casey)
    assert "Unclaimed" in row_of(body(client), intake)
    client.post(reverse("review:claim", args=[intake.pk]))
    assert Claim.objects.get(intake=intake).clinician == casey


def test_releasing_your_claim_frees_the_case(casey: object) -> None:
    intake = case()
    services.claim_case(intake=intake, by=casey)
    response = signed_in(casey).post(reverse("review:release", args=[intake.pk]), follow=True)
    assert f"You have released case {intake.pk}" in response.content.decode()
    assert not Claim.objects.filter(intake=intake).exists()


def test_a_decided_case_cannot_be_claimed_and_the_refusal_is_a_message(casey: object) -> None:
    intake = case()
    services.decline_case(intake=intake, by=casey, patient_message="m", internal_reason="r")
    response = signed_in(casey).post(reverse("review:claim", args=[intake.pk]), follow=True)
    assert "Only a case waiting for review can be claimed." in response.content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.test/review/", "//evil.test/review/", "/accounts/", ""])
def test_after_a_claim_only_a_review_page_is_a_place_to_go_back_to(casey: object, next_url: str) -> None:
    intake = case()
    response = signed_in(casey).post(reverse("review:claim", args=[intake.pk]), {"next": next_url})
    assert response.status_code == 302 and response["Location"] == QUEUE


def page_queries(client: Client, django_assert_max_num_queries: object, data: dict) -> tuple[int, int]:
    """(queries, rows) of one queue page, asserted to stay within a fixed ceiling.

    A first request stores "last seen" (written at most once a minute), so the counted one right after it
    compares the page's own queries, not whether the session was due a write.
    """
    client.get(QUEUE, data)
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(QUEUE, data)
    return len(captured), len(response.context["page"].rows)


MAX_QUERIES = 13  # session, user, device, user again, 5 of the selector, the log's insert, session save
EVERY_FILTER = {"q": "example", "flag_code": "AGE_65_PLUS", "outcome": "REVIEW", "claimed": "none",
                "submitted_from": "2026-01-01", "submitted_to": "2026-06-15", "status": "open"}


def test_the_page_runs_the_same_queries_at_5_and_200_cases_with_or_without_filters(
    casey: object, django_assert_max_num_queries: object
) -> None:
    add_cases(count=5, seed=5, now=NOW)
    client = signed_in(casey)
    few, five = page_queries(client, django_assert_max_num_queries, {})
    add_cases(count=300, seed=6, now=NOW)
    many, full_page = page_queries(client, django_assert_max_num_queries, {})
    filtered, some = page_queries(client, django_assert_max_num_queries, EVERY_FILTER)
    assert (five, full_page) == (5, 50) and some > 5
    assert few == many == filtered


@pytest.mark.postgres
def test_a_page_of_200_rows_runs_the_same_queries_as_a_page_of_5(
    casey: object, monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: object
) -> None:
    """On PostgreSQL the log's insert is one statement at any page size (SQLite splits it at 90 rows)."""
    monkeypatch.setattr("review.views.queue.ROWS_PER_PAGE", 200)
    add_cases(count=5, seed=5, now=NOW)
    client = signed_in(casey)
    few, five = page_queries(client, django_assert_max_num_queries, {})
    add_cases(count=300, seed=6, now=NOW)
    many, two_hundred = page_queries(client, django_assert_max_num_queries, {})
    filtered, some = page_queries(client, django_assert_max_num_queries, EVERY_FILTER)
    assert (five, two_hundred) == (5, 200) and some > 5
    assert few == many == filtered
