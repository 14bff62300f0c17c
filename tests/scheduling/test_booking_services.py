"""Booking a cleared case: who may, which slot, the intake's status, the event, the email with its .ics."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from patients.models import Intake, IntakeStatusChange
from scheduling.models import Consultation, ConsultationEvent, SchedulingSettings
from scheduling.services.booking import (
    ALREADY_BOOKED,
    GONE,
    NOT_CLEARED,
    BookingRefused,
    book_consultation,
)
from tests.factories import UserFactory
from tests.review.cases import screened_case
from tests.scheduling.booking import NOW, TUESDAY_9, choice, cleared_case, clinician, provider_with_hours

pytestmark = pytest.mark.django_db


def test_a_clinician_books_a_cleared_case_into_an_offered_slot() -> None:
    intake, provider, by = cleared_case(), provider_with_hours(), clinician()
    consultation = book_consultation(intake=intake, choice=choice(provider), by=by, now=NOW)
    intake.refresh_from_db()
    assert (intake.status, consultation.status) == (Intake.Status.CONSULTATION_BOOKED, "booked")
    assert (consultation.starts_at, consultation.ends_at) == (TUESDAY_9, TUESDAY_9 + timedelta(minutes=60))
    assert (consultation.time_zone, consultation.created_by, consultation.patient) == (
        "America/New_York", by, intake.patient)
    assert IntakeStatusChange.objects.filter(intake=intake, to_status="consultation_booked", by=by).exists()
    assert list(consultation.events.values_list("kind", flat=True)) == [ConsultationEvent.Kind.BOOKED]


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_email_carries_the_ics_and_no_health_information() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    book_consultation(intake=intake, choice=choice(provider), by=clinician(), now=NOW)
    email = mail.outbox[-1]
    assert email.to == [intake.patient.email] and email.subject == "Your consultation is booked"
    assert "Tuesday, June 16, 2026, 09:00 to 10:00 (America/New_York, EDT)" in email.body
    assert "1 Main Street, Albany, NY, 12207" in email.body
    [(filename, content, mimetype)] = email.attachments
    assert (filename, mimetype) == (f"consultation-{intake.consultations.get().pk}.ics", "text/calendar")
    assert "DTSTART;TZID=America/New_York:20260616T090000" in content
    for words in ("infusion", "ketamine", "blood pressure", "cleared", "screening", "route"):
        assert words not in (email.body + content).lower()


def test_an_uncleared_case_is_refused_with_no_slots() -> None:
    intake, provider = screened_case(), provider_with_hours()
    with pytest.raises(BookingRefused) as refused:
        book_consultation(intake=intake, choice=choice(provider), by=clinician(), now=NOW)
    assert (refused.value.reason, refused.value.next_slots) == (NOT_CLEARED, [])
    assert not Consultation.objects.exists()


def test_a_slot_not_offered_is_refused_with_the_next_free_slots() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    with pytest.raises(BookingRefused) as refused:
        book_consultation(intake=intake, choice=choice(provider, TUESDAY_9 + timedelta(minutes=7)),
                          by=clinician(), now=NOW)
    assert refused.value.reason == GONE
    assert [slot.starts_at for slot in refused.value.next_slots][:3] == [
        TUESDAY_9, TUESDAY_9 + timedelta(hours=1), TUESDAY_9 + timedelta(hours=2)]
    intake.refresh_from_db()
    assert intake.status == Intake.Status.CLEARED


def test_a_provider_who_does_not_offer_the_cleared_route_is_not_bookable() -> None:
    intake = cleared_case()
    provider = provider_with_hours(routes=["esketamine_nasal_spray"])
    with pytest.raises(BookingRefused, match="no longer offered"):
        book_consultation(intake=intake, choice=choice(provider), by=clinician(), now=NOW)


def test_a_taken_slot_is_no_longer_offered_to_the_next_case() -> None:
    provider = provider_with_hours()
    book_consultation(intake=cleared_case(), choice=choice(provider), by=clinician(), now=NOW)
    with pytest.raises(BookingRefused) as refused:
        book_consultation(intake=cleared_case(), choice=choice(provider), by=clinician(), now=NOW)
    assert refused.value.reason == GONE
    assert TUESDAY_9 not in [slot.starts_at for slot in refused.value.next_slots]
    assert Consultation.objects.count() == 1


def test_a_patient_with_a_booked_consultation_cannot_book_a_second_case() -> None:
    provider, first = provider_with_hours(), cleared_case()
    book_consultation(intake=first, choice=choice(provider), by=clinician(), now=NOW)
    second = cleared_case()
    second.patient = first.patient
    second.save()
    with pytest.raises(BookingRefused) as refused:
        book_consultation(intake=second, choice=choice(provider, TUESDAY_9 + timedelta(hours=1)),
                          by=clinician(), now=NOW)
    assert refused.value.reason == ALREADY_BOOKED
    second.refresh_from_db()
    assert second.status == Intake.Status.CLEARED and Consultation.objects.count() == 1


def test_a_patient_books_their_own_case_only_when_the_clinic_allows_it() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    with pytest.raises(PermissionDenied):
        book_consultation(intake=intake, choice=choice(provider), by=intake.patient, now=NOW)
    SchedulingSettings.objects.update_or_create(singleton=True, defaults={"patient_self_booking": True})
    with pytest.raises(PermissionDenied):
        book_consultation(intake=intake, choice=choice(provider), by=UserFactory(role="patient"), now=NOW)
    consultation = book_consultation(intake=intake, choice=choice(provider), by=intake.patient, now=NOW)
    assert consultation.created_by == intake.patient


def test_an_admin_does_not_book() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    with pytest.raises(PermissionDenied):
        book_consultation(intake=intake, choice=choice(provider), by=UserFactory(role="admin"), now=NOW)


def test_a_consultation_booked_within_a_day_needs_no_separate_reminder() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    soon = TUESDAY_9 - timedelta(hours=20)
    consultation = book_consultation(intake=intake, choice=choice(provider), by=clinician(), now=soon)
    assert consultation.reminder_sent_at == soon
