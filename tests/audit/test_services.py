from datetime import UTC, date, datetime

import pytest
from django.test import RequestFactory
from django.urls import resolve

from audit.models import AccessKind, AccessRecord
from audit.services import (
    accesses_for_patient,
    client_ip,
    recent_accesses,
    record_access,
    record_list_access,
    search_access_records,
    start_of,
)
from tests.audit.conftest import ALERT_PATH, log_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# America/New_York (the default TIME_ZONE) is UTC-4 in June.
JUNE_15_LATE_EVENING_LOCAL = datetime(2026, 6, 16, 3, 30, tzinfo=UTC)


def test_recording_an_access_keeps_who_their_role_when_which_patient_which_page_and_the_ip() -> None:
    casey = UserFactory(role="clinician", first_name="Casey", last_name="Carer", email="casey@example.test")
    alice = UserFactory(role="patient", email="alice@example.test")
    record = log_access(casey, alice, at=datetime(2026, 6, 15, 14, 0, tzinfo=UTC))
    assert AccessRecord.objects.get() == record
    assert (record.staff, record.staff_email, record.staff_name, record.staff_role) == (
        casey, "casey@example.test", "Casey Carer", "clinician"
    )
    assert (record.patient, record.patient_email) == (alice, "alice@example.test")
    assert record.at == datetime(2026, 6, 15, 14, 0, tzinfo=UTC)
    assert (record.kind, record.action, record.path) == ("view", "screening:alert-detail", ALERT_PATH)
    assert record.ip_address == "203.0.113.9"


def test_an_export_is_recorded_with_its_own_kind_and_the_action_named_by_the_caller() -> None:
    request = RequestFactory().get(ALERT_PATH)
    request.user, request.resolver_match = UserFactory(role="clinician"), resolve(ALERT_PATH)
    record = record_access(
        request=request, patient=UserFactory(role="patient"), kind=AccessKind.EXPORT, action="case-pdf"
    )
    assert (record.kind, record.action) == ("export", "case-pdf")


@pytest.mark.parametrize(("reader", "subject"), [("patient", "patient"), ("clinician", "clinician")])
def test_only_a_staff_member_reading_a_patient_record_is_recorded(reader: str, subject: str) -> None:
    with pytest.raises(ValueError):
        log_access(UserFactory(role=reader), UserFactory(role=subject))
    assert not AccessRecord.objects.exists()


def test_a_list_page_records_each_patient_it_shows_once_in_one_query(
    django_assert_num_queries: object,
) -> None:
    request = RequestFactory().get("/review/", REMOTE_ADDR="203.0.113.9")
    request.user, request.resolver_match = UserFactory(role="clinician"), resolve("/review/")
    alice, bob = UserFactory(role="patient"), UserFactory(role="patient")
    with django_assert_num_queries(1):
        record_list_access(request=request, patients=[alice, bob, alice])
    records = AccessRecord.objects.order_by("patient_id")
    assert [(r.patient, r.action, r.path, r.ip_address) for r in records] == [
        (alice, "review:queue", "/review/", "203.0.113.9"), (bob, "review:queue", "/review/", "203.0.113.9")
    ]


def test_a_list_page_read_by_a_patient_records_nothing() -> None:
    request = RequestFactory().get("/review/")
    request.user, request.resolver_match = UserFactory(role="patient"), resolve("/review/")
    with pytest.raises(ValueError):
        record_list_access(request=request, patients=[UserFactory(role="patient")])
    assert not AccessRecord.objects.exists()


@pytest.mark.parametrize(("remote", "expected"), [("192.0.2.4", "192.0.2.4"), ("2001:db8::1", "2001:db8::1"),
                                                 ("not-an-address", None), ("", None)])
def test_the_client_address_is_kept_only_when_it_is_an_ip(remote: str, expected: str | None) -> None:
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=remote)) == expected


def test_search_narrows_by_staff_member_patient_email_or_reference_and_dates() -> None:
    casey, robin = UserFactory(role="clinician"), UserFactory(role="clinician")
    alice = UserFactory(role="patient", email="alice@example.test")
    bob = UserFactory(role="patient")
    early = log_access(casey, alice, at=datetime(2026, 6, 1, 15, 0, tzinfo=UTC))
    late = log_access(robin, alice, at=datetime(2026, 6, 20, 15, 0, tzinfo=UTC))
    other = log_access(casey, bob, at=datetime(2026, 6, 10, 15, 0, tzinfo=UTC))

    assert list(search_access_records()) == [late, other, early]
    assert list(search_access_records(staff=casey)) == [other, early]
    assert list(search_access_records(patient_email="ALICE@example.test")) == [late, early]
    assert list(search_access_records(patient_id=bob.pk)) == [other]
    assert list(search_access_records(date_from=date(2026, 6, 10))) == [late, other]
    assert list(search_access_records(date_to=date(2026, 6, 10))) == [other, early]
    assert list(search_access_records(staff=casey, patient_email="alice@example.test")) == [early]


def test_a_patient_is_found_by_the_address_they_had_when_their_record_was_opened() -> None:
    alice = UserFactory(role="patient", email="alice.old@example.test")
    record = log_access(UserFactory(role="clinician"), alice)
    alice.email = "alice.new@example.test"
    alice.save()
    assert list(search_access_records(patient_email="alice.old@example.test")) == [record]
    assert list(search_access_records(patient_email="alice.new@example.test")) == [record]


def test_dates_are_whole_days_in_the_clinic_time_zone() -> None:
    staff, patient = UserFactory(role="clinician"), UserFactory(role="patient")
    record = log_access(staff, patient, at=JUNE_15_LATE_EVENING_LOCAL)
    assert start_of(date(2026, 6, 15)) == datetime(2026, 6, 15, 4, 0, tzinfo=UTC)
    assert list(search_access_records(date_from=date(2026, 6, 15), date_to=date(2026, 6, 15))) == [record]
    assert not search_access_records(date_from=date(2026, 6, 16)).exists()


def test_a_patient_gets_only_their_own_records_newest_first_with_the_total() -> None:
    casey = UserFactory(role="clinician")
    alice, bob = UserFactory(role="patient"), UserFactory(role="patient")
    mine = [log_access(casey, alice, at=datetime(2026, 6, day, 12, 0, tzinfo=UTC)) for day in range(1, 8)]
    log_access(casey, bob)
    assert list(accesses_for_patient(patient=alice)) == mine[::-1]
    recent = recent_accesses(patient=alice, limit=5)
    assert (recent.latest, recent.total) == (mine[:1:-1], 7)
