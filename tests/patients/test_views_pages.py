"""After sending: the confirmation and the read-only copy say what happens next, by when, and how to call."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from screening.models import ClinicSettings, ScreeningResult
from tests.factories import UserFactory
from tests.patients.answers import complete_answers

pytestmark = pytest.mark.django_db
# Friday 12 June 2026, 8:48 in the morning in New York (the clinic's time zone).
SENT = datetime(2026, 6, 12, 12, 48, tzinfo=UTC)


@pytest.fixture
def patient() -> object:
    return UserFactory()


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


@pytest.fixture
def clinic() -> ClinicSettings:
    clinic = ClinicSettings.objects.get()
    clinic.clinic_phone, clinic.clinic_hours, clinic.review_working_days = "(555) 010-0123", "Mon-Fri 8-6", 3
    clinic.save()
    return clinic


def sent_intake(patient: object, outcome: str = "ELIGIBLE") -> Intake:
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), status="submitted",
                                   submitted_at=SENT)
    ScreeningResult.objects.create(intake=intake, ruleset_version="test", outcome=outcome, reason="submitted")
    return intake


def text_of(html: str) -> str:
    """The words a patient reads in <main>, without tags, ids and links."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|/patients/\d+/", " ", main)).strip()


def page(browser: Client, name: str, intake: Intake) -> str:
    return browser.get(reverse(f"patients:{name}", kwargs={"pk": intake.pk})).content.decode()


@time_machine.travel(SENT, tick=False)
def test_the_confirmation_gives_the_review_time_in_working_days_with_its_date_and_the_clinics_phone(
    browser: Client, patient: object, clinic: ClinicSettings
) -> None:
    text = text_of(page(browser, "confirmation", sent_intake(patient)))
    # Friday plus 3 working days is the Wednesday after the weekend.
    assert "A clinician will read your answers within 3 working days, by Wednesday, June 17." in text
    assert "If you have a question, call the clinic on (555) 010-0123 (Mon-Fri 8-6)." in text


@time_machine.travel(SENT, tick=False)
def test_without_a_phone_number_set_the_patient_is_told_the_clinic_will_contact_them(
    browser: Client, patient: object
) -> None:
    text = text_of(page(browser, "confirmation", sent_intake(patient)))
    assert "A clinician will read your answers within 2 working days, by Tuesday, June 16." in text
    assert "the clinic will answer it when they contact you" in text and "call the clinic on" not in text


@time_machine.travel(SENT, tick=False)
def test_an_urgent_intake_is_told_today_on_the_confirmation_and_the_dashboard(
    browser: Client, patient: object, clinic: ClinicSettings
) -> None:
    intake = sent_intake(patient, "URGENT")
    assert "The clinic will call you today." in text_of(page(browser, "confirmation", intake))
    dashboard = text_of(browser.get(reverse("patients:dashboard")).content.decode())
    assert "The clinic will call you today." in dashboard and "working days" not in dashboard
    assert "call the clinic on (555) 010-0123" in dashboard


def test_an_urgent_intake_seen_on_a_later_day_does_not_promise_today(
    browser: Client, patient: object
) -> None:
    intake = sent_intake(patient, "URGENT")
    with time_machine.travel(datetime(2026, 6, 13, 15, 0, tzinfo=UTC), tick=False):
        text = text_of(browser.get(reverse("patients:dashboard")).content.decode())
    assert "today" not in text and "as soon as possible" in text
    assert intake.pk


@pytest.mark.parametrize("name", ["confirmation", "intake-detail"])
@time_machine.travel(SENT, tick=False)
def test_no_outcome_other_than_urgent_changes_a_word_the_patient_reads(
    browser: Client, patient: object, clinic: ClinicSettings, name: str
) -> None:
    seen = set()
    for outcome in ("ELIGIBLE", "REVIEW", "BLOCKED"):
        intake = sent_intake(patient, outcome)
        seen.add(text_of(page(browser, name, intake)))
        Intake.objects.filter(pk=intake.pk).delete()
    assert len(seen) == 1
    for word in ("eligible", "blocked", "contraindicat", "flag", "not suitable"):
        assert word not in next(iter(seen)).lower()


@time_machine.travel(SENT, tick=False)
def test_the_time_an_intake_was_sent_ends_a_sentence_with_one_full_stop(
    browser: Client, patient: object
) -> None:
    text = text_of(page(browser, "intake-detail", sent_intake(patient)))
    assert "You sent these answers on June 12, 2026 at 8:48 AM." in text
    assert ".." not in text


@time_machine.travel(SENT, tick=False)
def test_no_patient_page_shows_a_doubled_full_stop(
    browser: Client, patient: object, clinic: ClinicSettings
) -> None:
    ClinicSettings.objects.update(clinic_hours="9 a.m. to 5 p.m.")
    intake = sent_intake(patient)
    pages = [page(browser, name, intake) for name in ("confirmation", "intake-detail")]
    pages.append(browser.get(reverse("patients:dashboard")).content.decode())
    for html in pages:
        assert ".." not in text_of(html)
