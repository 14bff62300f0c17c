"""The staff schedule: no patient named, licence flags, a fixed number of queries; completed and no-show."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from audit.models import AccessRecord
from outbox.models import Message
from scheduling.models import Consultation
from scheduling.services.booking import book_consultation
from tests.factories import UserFactory
from tests.scheduling.booking import NOW, TUESDAY_9, choice, cleared_case, clinician, provider_with_hours
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db
LIST = reverse("booking:consultations")


def signed_in(role: str) -> Client:
    return force_login_verified(Client(), UserFactory(role=role))


def booked(at: object = TUESDAY_9) -> Consultation:
    provider = provider_with_hours()
    return book_consultation(intake=cleared_case(), choice=choice(provider, at), by=clinician(), now=NOW)


@pytest.mark.parametrize("role", ["admin", "clinician"])
def test_the_schedule_names_no_patient_and_logs_no_reading(role: str) -> None:
    consultation = booked()
    page = signed_in(role).get(LIST, {"start": "2026-06-15"}).content.decode()
    patient = consultation.patient
    assert "09:00" in page and "America/New_York, EDT" in page and str(consultation.provider) in page
    assert patient.email not in page and patient.last_name not in page and "infusion" not in page.lower()
    assert not AccessRecord.objects.exists()
    opens = f'href="{reverse("booking:consultation", args=[consultation.pk])}"' in page
    assert opens == (role == "clinician")


def test_the_schedule_reads_a_fixed_number_of_queries(django_assert_max_num_queries: object) -> None:
    client = signed_in("admin")
    booked()
    with django_assert_max_num_queries(20) as few:
        client.get(LIST, {"start": "2026-06-15"})
    for hour in (1, 2):
        booked(TUESDAY_9 + timedelta(hours=hour))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(LIST, {"start": "2026-06-15"}).content.decode()
    assert page.count("Cancel it and email the patient") == 3


def test_a_lapsed_licence_is_flagged_on_the_schedule() -> None:
    consultation = booked()
    consultation.provider.licences.update(expires_on=TUESDAY_9.date() - timedelta(days=1))
    page = signed_in("admin").get(LIST, {"start": "2026-06-15"}).content.decode()
    assert "Licence problem:" in page and "licence in NY expired 2026-06-15" in page


def test_staff_mark_completed_or_no_show_only_once_it_has_started() -> None:
    consultation = booked()
    url = reverse("booking:consultation-close", args=[consultation.pk])
    with time_machine.travel(NOW, tick=False):
        signed_in("admin").post(url, {"status": "no_show"})
    consultation.refresh_from_db()
    assert consultation.status == "booked"
    with time_machine.travel(TUESDAY_9 + timedelta(minutes=20), tick=False):
        response = signed_in("admin").post(url, {"status": "no_show", "next": "//evil.example/"})
    consultation.refresh_from_db()
    assert (consultation.status, response.url) == ("no_show", LIST)
    assert consultation.events.filter(kind="no_show").exists()


def test_staff_cancel_at_any_time_and_the_patient_is_emailed() -> None:
    consultation = booked()
    with time_machine.travel(TUESDAY_9 - timedelta(hours=1), tick=False):
        url = reverse("booking:consultation-cancel", args=[consultation.pk])
        signed_in("admin").post(url, {"note": "Provider unwell"})
    consultation.refresh_from_db()
    assert consultation.status == "cancelled"
    assert consultation.events.get(kind="cancelled").note == "Provider unwell"
    assert consultation.intake.status == "cleared"
    email = Message.objects.get(kind="consultation-cancelled")
    assert email.recipient == consultation.patient.email and "is cancelled" in email.body
    assert "unwell" not in email.body


def test_a_clinician_moves_a_consultation_from_its_page() -> None:
    consultation = booked()
    with time_machine.travel(NOW, tick=False):
        client = signed_in("clinician")
        page = client.get(reverse("booking:consultation-move", args=[consultation.pk]))
        later = TUESDAY_9 + timedelta(hours=1)
        client.post(reverse("booking:consultation-move", args=[consultation.pk]), {
            "provider": consultation.provider_id, "location": consultation.location_id,
            "starts_at": later.isoformat()})
    assert "10:00" in page.content.decode()
    consultation.refresh_from_db()
    assert consultation.starts_at == later
