"""Around a booking: the one reminder a day ahead, licences expiring or lapsed, the calendar file."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connections

from outbox.models import Message
from scheduling import tasks
from scheduling.ics import build_ics
from scheduling.models import ConsultationEvent
from scheduling.services import licences, reminders
from scheduling.services.booking import book_consultation
from tests.factories import UserFactory
from tests.scheduling.booking import NOW, TUESDAY_9, choice, cleared_case, clinician, provider_with_hours
from tests.scheduling.factories import LicenceFactory, ProviderFactory, TelehealthLocationFactory

pytestmark = pytest.mark.django_db
NEXT_WEEK = TUESDAY_9 + timedelta(days=7)


def booked(at: object = NEXT_WEEK, provider: object = None) -> object:
    provider = provider or provider_with_hours()
    return book_consultation(intake=cleared_case(), choice=choice(provider, at), by=clinician(), now=NOW)


def reminders_to(consultation: object) -> int:
    return Message.objects.filter(kind="consultation-reminder", recipient=consultation.patient.email).count()


def test_the_reminder_goes_once_a_day_ahead_however_often_the_beat_runs() -> None:
    consultation = booked()
    assert reminders.send_due_reminders(now=NEXT_WEEK - timedelta(hours=25)) == 0
    day_before = NEXT_WEEK - timedelta(hours=23)
    assert reminders.send_due_reminders(now=day_before) == 1
    assert reminders.send_due_reminders(now=day_before + timedelta(minutes=15)) == 0
    assert reminders_to(consultation) == 1
    assert consultation.events.filter(kind=ConsultationEvent.Kind.REMINDED, by=None).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_beats_at_once_send_one_reminder() -> None:
    consultation = booked()
    day_before = NEXT_WEEK - timedelta(hours=23)
    start, sent = threading.Barrier(10, timeout=30), []

    def beat() -> None:
        try:
            start.wait()
            sent.append(reminders.send_due_reminders(now=day_before))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(sent) == 1
    assert reminders_to(consultation) == 1


def test_a_cancelled_consultation_gets_no_reminder() -> None:
    from scheduling.services.changes import cancel_consultation

    consultation = booked()
    cancel_consultation(consultation=consultation, by=clinician(), now=NOW)
    assert reminders.send_due_reminders(now=NEXT_WEEK - timedelta(hours=23)) == 0


def test_admins_get_the_licences_expiring_within_thirty_days_once_a_day() -> None:
    admin = UserFactory(role="admin")
    UserFactory(role="clinician")
    soon = LicenceFactory(state="CA", number="CA-123", expires_on=date(2026, 7, 10))
    LicenceFactory(state="TX", expires_on=date(2026, 8, 1))  # more than 30 days away
    LicenceFactory(state="FL", expires_on=date(2026, 7, 1), provider=ProviderFactory(active=False))
    assert licences.expiring_licences(today=date(2026, 6, 15)) == [soon]
    with time_machine.travel(NOW, tick=False):
        assert licences.send_licence_digest(today=date(2026, 6, 15)) == 1
        assert licences.send_licence_digest(today=date(2026, 6, 15)) == 0
    [email] = Message.objects.filter(kind="licences-expiring")
    assert email.recipient == admin.email
    assert "CA licence CA-123, expires July 10, 2026" in email.body and "TX" not in email.body


def test_a_consultation_after_its_providers_licence_lapses_is_flagged_to_staff_once() -> None:
    provider = provider_with_hours()
    consultation = booked(provider=provider)
    provider.licences.update(expires_on=NEXT_WEEK.date() - timedelta(days=1))
    consultation.refresh_from_db()
    assert licences.licence_problem(consultation) == f"{provider.name}: licence in NY expired 2026-06-22."
    assert licences.flag_lapsed_licences(now=NOW) == 1
    assert licences.flag_lapsed_licences(now=NOW) == 0
    assert consultation.events.get(kind=ConsultationEvent.Kind.LICENCE_FLAGGED).by is None


def test_by_video_the_licence_needed_is_the_patients_state() -> None:
    provider = provider_with_hours()
    consultation = booked(provider=provider)
    consultation.location = TelehealthLocationFactory(state="CA")
    assert licences.licence_problem(consultation) == ""  # the patient lives in NY, where the licence is


def test_the_beat_runs_the_reminders_and_the_licence_check() -> None:
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"scheduling.tasks.send_consultation_reminders", "scheduling.tasks.check_licences"} <= schedule
    assert tasks.send_consultation_reminders.delay().get() == 0
    assert tasks.check_licences.delay().get() == 0


def test_the_calendar_file_names_the_zone_and_moves_with_a_new_sequence() -> None:
    consultation = booked()
    ics = build_ics(consultation, sequence=2)
    assert "DTSTART;TZID=America/New_York:20260623T090000" in ics and "BEGIN:VTIMEZONE" in ics
    assert "SEQUENCE:2" in ics and f"UID:consultation-{consultation.pk}@" in ics
    assert "1 Main Street\\, Albany\\, NY\\, 12207" in ics
