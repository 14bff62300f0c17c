"""The heart page's blood-pressure warning without JavaScript (patients.views.heart)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from patients.models import Intake
from screening.models import ClinicSettings, CrisisAlert
from screening.models.clinic import DEFAULT_BP_WARNING_TEXT
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient() -> object:
    return UserFactory()


@pytest.fixture
def browser(patient: object) -> Client:
    client = Client()
    client.force_login(patient)
    return client


def heart_url(intake: Intake) -> str:
    return reverse("patients:step", kwargs={"pk": intake.pk, "slug": "heart"})


def draft(patient: object, **answers: object) -> Intake:
    return Intake.objects.create(patient=patient, answers=complete_answers(**answers))


def warning_tag(html: str) -> str:
    found = re.search(r'<div id="bp-warning"[^>]*>', html)
    assert found, "the page has no blood-pressure warning"
    return found.group(0)


def warning_shown(html: str) -> bool:
    return " hidden" not in warning_tag(html)


@pytest.mark.parametrize(
    ("systolic", "diastolic", "shown"),
    [(180, 120, False), (181, 80, True), (150, 121, True), (120, 80, False)],
)
def test_a_saved_reading_above_180_or_120_shows_the_warning_when_the_page_loads(
    browser: Client, patient: object, systolic: int, diastolic: int, shown: bool
) -> None:
    intake = draft(patient, bp_systolic=systolic, bp_diastolic=diastolic)
    html = browser.get(heart_url(intake)).content.decode()
    assert warning_shown(html) is shown
    assert DEFAULT_BP_WARNING_TEXT in html


def test_the_warning_sits_beside_the_reading_with_the_rules_limits_for_the_script(
    browser: Client, patient: object
) -> None:
    html = browser.get(heart_url(draft(patient))).content.decode()
    tag = warning_tag(html)
    assert 'data-systolic-limit="180"' in tag and 'data-diastolic-limit="120"' in tag
    position = html.index('id="bp-warning"')
    assert html.index('name="bp_diastolic"') < position < html.index('name="bp_measured_on"')


def test_a_page_sent_back_with_errors_shows_the_warning_for_the_reading_typed_on_it(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    data = step_data("heart", bp_systolic="181", bp_diastolic="90", hx_aneurysm="", action="continue")
    html = browser.post(heart_url(intake), data).content.decode()
    assert "There is a problem" in html
    assert warning_shown(html)
    assert Intake.objects.get(pk=intake.pk).answers["bp_systolic"] == 120
    assert not CrisisAlert.objects.exists()


def test_no_warning_without_a_reading(browser: Client, patient: object) -> None:
    intake = draft(patient)
    data = step_data("heart", has_bp_reading="no", bp_systolic="", bp_diastolic="", bp_measured_on="",
                     bp_source="", hx_aneurysm="", action="continue")
    assert not warning_shown(browser.post(heart_url(intake), data).content.decode())


def test_saving_a_crisis_reading_raises_the_alert_and_the_next_page_load_still_warns(
    browser: Client, patient: object
) -> None:
    intake = draft(patient)
    data = step_data("heart", bp_systolic="200", bp_diastolic="110", action="continue")
    assert browser.post(heart_url(intake), data).status_code == 302
    alert = CrisisAlert.objects.get(intake=intake)
    assert alert.reasons[0]["evidence"]["bp_systolic"] == 200
    assert warning_shown(browser.get(heart_url(intake)).content.decode())


def test_the_admins_wording_is_what_the_patient_sees(browser: Client, patient: object) -> None:
    ClinicSettings.objects.update(bp_warning_text="Very high: call the clinic's nurse line.")
    html = browser.get(heart_url(draft(patient, bp_systolic=210))).content.decode()
    assert "Very high: call the clinic&#x27;s nurse line." in html
    assert DEFAULT_BP_WARNING_TEXT not in html


def test_other_pages_have_no_blood_pressure_warning(browser: Client, patient: object) -> None:
    intake = draft(patient, bp_systolic=210)
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "other-conditions"})
    assert 'id="bp-warning"' not in browser.get(url).content.decode()


def test_finish_later_on_a_page_with_errors_still_alerts_on_call_about_a_reading_in_the_crisis_range(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers={})
    data = step_data("heart", bp_systolic="190", bp_diastolic="95", hx_aneurysm="", action="later")
    assert browser.post(heart_url(intake), data).status_code == 302
    alert = CrisisAlert.objects.get(intake=intake)
    assert [reason["code"] for reason in alert.reasons] == ["CARDIO_BP_CRISIS_RANGE"]
    assert "heart" in Intake.objects.get(pk=intake.pk).unsaved_pages


def test_finish_later_with_errors_and_an_ordinary_reading_raises_no_alert(
    browser: Client, patient: object
) -> None:
    intake = Intake.objects.create(patient=patient, answers={})
    data = step_data("heart", bp_systolic="130", bp_diastolic="85", hx_aneurysm="", action="later")
    assert browser.post(heart_url(intake), data).status_code == 302
    assert not CrisisAlert.objects.filter(intake=intake).exists()
