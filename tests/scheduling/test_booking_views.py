"""The booking pages: a clinician books a cleared case; a patient books (if allowed), sees, moves, cancels."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from audit.models import AccessRecord
from outbox.models import Message
from scheduling.models import Consultation, SchedulingSettings
from scheduling.services.booking import book_consultation
from tests.review.cases import screened_case
from tests.scheduling.booking import NOW, TUESDAY_9, choice, cleared_case, clinician, provider_with_hours
from tests.second_factor import force_login_verified

NEXT_WEEK = TUESDAY_9 + timedelta(days=7)  # far enough ahead for the patient's 24-hour cut-off

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def signed_in(user: object) -> Client:
    return force_login_verified(Client(), user)


def slot_data(provider: object, starts_at: object = TUESDAY_9) -> dict:
    location = provider.locations.first()
    return {"provider": provider.pk, "location": location.pk, "starts_at": starts_at.isoformat()}


def booked(intake: object, provider: object, at: object = TUESDAY_9) -> Consultation:
    return book_consultation(intake=intake, choice=choice(provider, at), by=clinician(), now=NOW)


def allow_self_booking() -> None:
    SchedulingSettings.objects.update_or_create(singleton=True, defaults={"patient_self_booking": True})


def test_a_clinician_sees_the_clearance_and_the_slots_with_their_zone_and_the_reading_is_logged() -> None:
    intake, provider, casey = cleared_case(), provider_with_hours(), clinician()
    page = signed_in(casey).get(reverse("booking:book-case", args=[intake.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "IV infusion" in text and "09:00" in text and "America/New_York, EDT" in text
    assert "Tuesday, June 16" in text and provider.name in text
    assert AccessRecord.objects.filter(staff=casey, patient=intake.patient).exists()


def test_a_clinician_books_and_lands_on_the_consultation() -> None:
    intake, provider, casey = cleared_case(), provider_with_hours(), clinician()
    client = signed_in(casey)
    response = client.post(reverse("booking:book-case", args=[intake.pk]), slot_data(provider))
    consultation = Consultation.objects.get()
    assert response.url == reverse("booking:consultation", args=[consultation.pk])
    page = client.get(response.url).content.decode()
    assert intake.patient.email in page and "09:00" in page and "Booked" in page


def test_an_uncleared_case_offers_no_booking() -> None:
    intake = screened_case()
    provider_with_hours()
    client = signed_in(clinician())
    page = client.get(reverse("booking:book-case", args=[intake.pk])).content.decode()
    assert "This case cannot be booked" in page and 'name="starts_at"' not in page
    client.post(reverse("booking:book-case", args=[intake.pk]), slot_data(provider_with_hours()))
    assert not Consultation.objects.exists()


def test_a_taken_slot_is_refused_with_a_clear_message_and_the_next_free_times() -> None:
    provider, casey = provider_with_hours(), clinician()
    book_consultation(intake=cleared_case(), choice=choice(provider), by=casey, now=NOW)
    url = reverse("booking:book-case", args=[cleared_case().pk])
    response = signed_in(casey).post(url, slot_data(provider))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Not booked:" in text and "no longer offered" in text and "The next free times" in text
    assert "10:00" in text and Consultation.objects.count() == 1


@pytest.mark.parametrize("bad", [
    {"starts_at": "soon"}, {"starts_at": "2026-06-16T09:00:00"}, {"provider": str(2**63)}, {"location": "x"},
])
def test_a_made_up_slot_is_refused_without_an_error_page(bad: dict) -> None:
    intake, provider = cleared_case(), provider_with_hours()
    response = signed_in(clinician()).post(
        reverse("booking:book-case", args=[intake.pk]), {**slot_data(provider), **bad}
    )
    assert response.status_code == 400 and "Choose a time from the list." in response.content.decode()
    assert not Consultation.objects.exists()


def test_no_slot_in_the_chosen_dates_shows_an_empty_state() -> None:
    intake = cleared_case()
    provider_with_hours(accepts_new_patients=False)
    url = reverse("booking:book-case", args=[intake.pk])
    page = signed_in(clinician()).get(url, {"start": "2026-06-17"})
    text = page.content.decode()
    assert "No consultation time is offered in these dates" in text and 'name="starts_at"' not in text


def test_patients_book_themselves_only_when_the_clinic_allows_it() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    client = signed_in(intake.patient)
    assert client.get(reverse("booking:book-own")).status_code == 404
    assert "Choose a time" not in client.get(reverse("patients:dashboard")).content.decode()
    allow_self_booking()
    assert "Choose a time" in client.get(reverse("patients:dashboard")).content.decode()
    assert "09:00" in client.get(reverse("booking:book-own")).content.decode()
    response = client.post(reverse("booking:book-own"), slot_data(provider))
    assert response.url == reverse("patients:dashboard")
    assert Consultation.objects.get().created_by == intake.patient


def test_the_dashboard_shows_the_booked_consultation_with_its_calendar_file() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    consultation = book_consultation(intake=intake, choice=choice(provider), by=clinician(), now=NOW)
    client = signed_in(intake.patient)
    page = client.get(reverse("patients:dashboard")).content.decode()
    assert "Your consultation" in page and "09:00 to 10:00 (America/New_York, EDT)" in page
    assert str(provider) in page and "1 Main Street" in page and "infusion" not in page.lower()
    ics_url = reverse("booking:my-calendar", args=[consultation.pk])
    assert ics_url in page
    ics = client.get(ics_url)
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    assert signed_in(cleared_case().patient).get(ics_url).status_code == 404


def test_a_patient_cancels_before_the_cut_off_and_the_case_can_be_booked_again() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    consultation = booked(intake, provider, NEXT_WEEK)
    client = signed_in(intake.patient)
    page = client.get(reverse("booking:my-cancel", args=[consultation.pk])).content.decode()
    assert "until Monday, June 22, 09:00 EDT" in page
    client.post(reverse("booking:my-cancel", args=[consultation.pk]))
    consultation.refresh_from_db()
    intake.refresh_from_db()
    assert (consultation.status, intake.status) == ("cancelled", "cleared")
    assert consultation.events.last().by == intake.patient


def test_after_the_cut_off_the_patient_is_told_to_call_and_nothing_changes(clock: object) -> None:
    intake, provider = cleared_case(), provider_with_hours()
    consultation = booked(intake, provider, NEXT_WEEK)
    clock.move_to(NEXT_WEEK - timedelta(hours=23))
    client = signed_in(intake.patient)
    assert "call the clinic" in client.get(reverse("patients:dashboard")).content.decode()
    client.post(reverse("booking:my-cancel", args=[consultation.pk]))
    later = slot_data(provider, NEXT_WEEK + timedelta(hours=1))
    client.post(reverse("booking:my-move", args=[consultation.pk]), later)
    consultation.refresh_from_db()
    assert (consultation.status, consultation.starts_at) == ("booked", NEXT_WEEK)


def test_a_patient_moves_their_consultation_and_is_emailed_the_new_time() -> None:
    intake, provider = cleared_case(), provider_with_hours()
    consultation = booked(intake, provider, NEXT_WEEK)
    later = slot_data(provider, NEXT_WEEK + timedelta(hours=2))
    response = signed_in(intake.patient).post(reverse("booking:my-move", args=[consultation.pk]), later)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.starts_at == NEXT_WEEK + timedelta(hours=2)
    assert consultation.events.last().kind == "rescheduled"
    email = Message.objects.get(kind="consultation-rescheduled")
    assert email.subject == "Your consultation has moved" and "11:00 to 12:00" in email.body
    assert "BEGIN:VCALENDAR" in email.attachments[0]["content"]


def test_the_case_page_of_a_cleared_case_leads_to_booking_and_an_uncleared_one_does_not() -> None:
    cleared, waiting, casey = cleared_case(), screened_case(), clinician()
    client = signed_in(casey)
    book_url = reverse("booking:book-case", args=[cleared.pk])
    assert book_url in client.get(reverse("review:case", args=[cleared.pk])).content.decode()
    waiting_page = client.get(reverse("review:case", args=[waiting.pk])).content.decode()
    assert "Book a consultation" not in waiting_page
