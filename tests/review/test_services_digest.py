"""The clinicians' daily digest: counts and a link, once a day, on working days."""

from datetime import timedelta

import pytest

from clinic.celery import app
from outbox.models import Message
from patients.models import Intake
from review import services, tasks
from screening.models import ClinicSettings
from tests.factories import UserFactory
from tests.review.cases import NOW, PRECAUTION, URGENT, clinician, screened_case

pytestmark = pytest.mark.django_db


def case(sent_days_ago: float, **document: object) -> Intake:
    intake = screened_case(**document)
    Intake.objects.filter(pk=intake.pk).update(submitted_at=NOW - timedelta(days=sent_days_ago))
    return intake


def test_the_counts_are_waiting_urgent_overdue_and_waiting_on_patients(casey: object) -> None:
    ClinicSettings.objects.update(review_working_days=2)
    case(0), case(4, **PRECAUTION)  # due today: not overdue
    case(5), case(1, **URGENT)  # overdue: due Friday, and urgent from yesterday
    asked = case(0)
    services.request_more_information(intake=asked, by=casey, steps=["heart"], message="m")
    Intake.objects.filter(pk=case(0).pk).update(status=Intake.Status.DECLINED)
    assert services.digest_counts(now=NOW) == services.digest.DigestCounts(
        waiting=4, urgent=1, overdue=2, with_patients=1
    )


def test_every_active_clinician_gets_the_digest_once_a_day_with_counts_and_a_link_only() -> None:
    clinician(email="a@clinic.test"), clinician(email="b@clinic.test")
    clinician(email="gone@clinic.test", is_active=False)
    UserFactory(role="admin", email="admin@clinic.test")
    intake = case(5, **PRECAUTION)
    assert services.send_review_digest(now=NOW) == 2
    assert services.send_review_digest(now=NOW + timedelta(hours=3)) == 0
    digests = Message.objects.filter(kind="review-digest")
    assert sorted(digests.values_list("recipient", flat=True)) == ["a@clinic.test", "b@clinic.test"]
    body = digests.first().body
    assert "waiting for a clinician's review this morning: 1" in body and "overdue" in body
    assert "http://127.0.0.1:8000/accounts/home/" in body
    patient = intake.patient
    for secret in ("CARDIO", "REVIEW", "PRECAUTION", "150", patient.email, patient.last_name, "/intake/"):
        assert secret not in body + digests.first().subject
    assert services.send_review_digest(now=NOW + timedelta(days=1)) == 2


def test_no_digest_is_sent_when_no_case_waits() -> None:
    clinician()
    assert services.send_review_digest(now=NOW) == 0
    assert not Message.objects.exists()


def test_the_digest_task_runs_on_working_day_mornings_in_the_clinics_time_zone() -> None:
    entry = app.conf.beat_schedule["review-digest"]
    assert entry["task"] == "review.tasks.send_review_digest" and entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute, schedule.day_of_week) == ({7}, {30}, {1, 2, 3, 4, 5})
    assert app.conf.timezone == "America/New_York"
    clinician()
    case(0)
    assert tasks.send_review_digest.delay().get() == 1
