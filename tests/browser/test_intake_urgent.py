"""Urgent answers and confirmed medicine names in Chromium, with and without JavaScript."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from patients.models import Intake
from screening.models import ClinicSettings, CrisisAlert, MedicationName
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT
from tests.browser.helpers import sign_in
from tests.browser.test_intake import PASSWORD, assert_accessible_at_360px, save_and_continue, step_page
from tests.browser.test_screening import assert_accessible
from tests.factories import UserFactory
from tests.patients.answers import complete_answers

pytestmark = pytest.mark.browser
UNKNOWN_NAME = "We did not recognise this name: check the spelling on the label"


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A fresh tab with JavaScript turned off: what the server alone does."""
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def clinic_settings(**fields: object) -> ClinicSettings:
    # The live server's tables may have been emptied by an earlier test, so the row is made if need be.
    row, _ = ClinicSettings.objects.update_or_create(singleton=True, defaults=fields)
    return row


def patient_draft(page: Page, base_url: str, email: str, **answers: object) -> Intake:
    """A signed-in patient with a draft whose earlier steps are answered."""
    patient = UserFactory(email=email)
    stored = complete_answers(**answers)
    del stored["medications"]
    intake = Intake.objects.create(patient=patient, answers=stored)
    sign_in(page, base_url, patient.email, PASSWORD)
    return intake


def type_reading(page: Page, systolic: str, diastolic: str) -> None:
    page.get_by_label("Top number (systolic)").fill(systolic)
    page.get_by_label("Bottom number (diastolic)").fill(diastolic)


def test_the_blood_pressure_warning_appears_as_the_reading_is_typed(page: Page, base_url: str) -> None:
    intake = patient_draft(page, base_url, "bp-js@example.test")
    page.goto(step_page(base_url, intake, "heart"))
    warning = page.locator("#bp-warning")
    expect(warning).to_be_hidden()
    type_reading(page, "180", "120")
    expect(warning).to_be_hidden()
    page.get_by_label("Top number (systolic)").fill("181")
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("call 911 now")
    type_reading(page, "150", "121")
    expect(warning).to_be_visible()
    type_reading(page, "150", "95")
    expect(warning).to_be_hidden()


def test_without_javascript_the_warning_shows_on_the_next_page_load_and_saving_alerts_a_clinician(
    browser: Browser, no_js_page: Page, base_url: str
) -> None:
    clinician = UserFactory(role="clinician", email="on-call@example.test")
    clinic_settings().on_call.add(clinician)
    intake = patient_draft(no_js_page, base_url, "bp-nojs@example.test")
    no_js_page.goto(step_page(base_url, intake, "heart"))
    type_reading(no_js_page, "196", "124")
    no_js_page.get_by_label("My own blood pressure cuff at home").check()
    expect(no_js_page.locator("#bp-warning")).to_be_hidden()
    save_and_continue(no_js_page)
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text("Other health conditions")

    no_js_page.goto(step_page(base_url, intake, "heart"))
    expect(no_js_page.locator("#bp-warning")).to_be_visible()
    expect(no_js_page.locator("#bp-warning")).to_contain_text("The clinic will contact you today")

    alert = CrisisAlert.objects.get(intake=intake)
    staff = browser.new_context(viewport=VIEWPORT)
    staff_page = staff.new_page()
    sign_in(staff_page, base_url, clinician.email, PASSWORD)
    staff_page.goto(base_url + reverse("screening:home"))
    with staff_page.expect_navigation():
        staff_page.get_by_role("link", name=f"Alert {alert.pk}, intake {intake.pk}").click()
    why = staff_page.locator("main")
    expect(why).to_contain_text("CARDIO_BP_CRISIS_RANGE")
    expect(why).to_contain_text("196/124 mmHg")
    expect(why).to_contain_text("source: home cuff")
    assert_accessible(staff_page)
    staff.close()


def test_the_admins_blood_pressure_wording_reaches_the_patient(page: Page, base_url: str) -> None:
    clinic_settings(bp_warning_text="Very high. Call our nurse line on 555 0100 now.")
    intake = patient_draft(page, base_url, "bp-wording@example.test", bp_systolic=200)
    page.goto(step_page(base_url, intake, "heart"))
    expect(page.locator("#bp-warning")).to_contain_text("Call our nurse line on 555 0100 now.")


@pytest.fixture
def dictionary() -> None:
    # The live server's tables are emptied between tests, so the dictionary rows are made here.
    for name, classes in (("sertraline", "NONE"), ("lorazepam", "benzodiazepine")):
        MedicationName.objects.get_or_create(name=name, defaults={"generic": name, "classes": classes})


def fill_medicine(page: Page, index: int, name: str) -> None:
    page.locator(f'[name="medications-{index}-name"]').fill(name)


@pytest.mark.usefixtures("dictionary")
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_did_you_mean_is_answered_on_the_page_and_the_kept_names_are_saved(
    browser: Browser, base_url: str, javascript: bool
) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    intake = patient_draft(page, base_url, f"names-{javascript}@example.test")
    page.goto(step_page(base_url, intake, "medicines"))
    fill_medicine(page, 0, "Sertrline")
    fill_medicine(page, 1, "lorazepam and ashwagandha")
    save_and_continue(page)

    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("radio", name="Yes, use sertraline").check()
    page.get_by_role("checkbox", name="Keep \u201cashwagandha\u201d as I typed it").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Getting to treatment")
    rows = Intake.objects.get(pk=intake.pk).answers["medications"]
    assert [row["name"] for row in rows] == ["sertraline", "lorazepam and ashwagandha"]
    assert [row["name_check"]["typed"] for row in rows] == ["Sertrline", "lorazepam and ashwagandha"]
    context.close()


@pytest.mark.usefixtures("dictionary")
def test_with_javascript_editing_the_name_withdraws_the_question_and_the_new_name_is_asked_about(
    page: Page, base_url: str
) -> None:
    intake = patient_draft(page, base_url, "names-edit@example.test")
    page.goto(step_page(base_url, intake, "medicines"))
    fill_medicine(page, 0, "Sertrline")
    save_and_continue(page)
    question = page.get_by_role("group", name="Did you mean sertraline?")
    expect(question).to_be_visible()
    fill_medicine(page, 0, "Grandmas tonic")
    expect(question).to_be_hidden()
    save_and_continue(page)
    expect(page.get_by_role("group", name=UNKNOWN_NAME)).to_be_visible()
    page.get_by_role("checkbox", name="Keep the name as I typed it").check()
    save_and_continue(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting to treatment")
    assert Intake.objects.get(pk=intake.pk).answers["medications"][0]["name"] == "Grandmas tonic"


@pytest.mark.usefixtures("dictionary")
def test_the_warning_and_the_name_questions_pass_axe_and_fit_360px(page: Page, base_url: str) -> None:
    axe = Axe()
    intake = patient_draft(page, base_url, "urgent-axe@example.test", bp_systolic=205)
    page.goto(step_page(base_url, intake, "heart"))
    expect(page.locator("#bp-warning")).to_be_visible()
    assert_accessible_at_360px(page, axe)
    page.goto(step_page(base_url, intake, "medicines"))
    fill_medicine(page, 0, "Sertrline and ashwagandha")
    fill_medicine(page, 1, "Grandmas tonic")
    save_and_continue(page)
    expect(page.get_by_role("group", name="Did you mean sertraline?")).to_be_visible()
    assert_accessible_at_360px(page, axe)
