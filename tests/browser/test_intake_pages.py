"""What the patient sees, in Chromium: resuming without an error storm, units, rows, the review at 360 px."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from patients.models import Intake
from patients.steps import get_step, steps_for
from tests.browser.helpers import sign_in
from tests.browser.test_intake import PASSWORD, WCAG_AA, fill_step, step_page, tab_to
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def sideways_scroll(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def assert_axe_clean(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def complete_draft(patient: object, **overrides: object) -> Intake:
    answers = complete_answers(**overrides)
    done = [step.slug for step in steps_for(answers) if step.slug != "review"]
    return Intake.objects.create(patient=patient, answers=answers, completed_steps=done)


def test_a_page_saved_to_finish_later_resumes_with_what_was_typed_and_no_error_storm(
    page: Page, base_url: str
) -> None:
    patient = UserFactory(email="resume@example.test")
    answers = {key: value for key, value in complete_answers().items()
               if key not in get_step("mental-health").form_class.answer_names()}
    Intake.objects.create(patient=patient, answers=answers,
                          completed_steps=["about-you", "why-care", "questionnaires", "suicide-screen"])
    sign_in(page, base_url, patient.email, PASSWORD)
    page.get_by_role("button", name="Continue your intake").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your mental health history")
    page.locator('[name="bipolar_dx"][value="no"]').check()
    page.locator('[name="ptsd_dx"][value="yes"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and finish later").click()
    kept = page.get_by_role("status").filter(has_text="We kept what you typed")
    expect(kept).to_contain_text("Your mental health history")
    expect(kept).to_contain_text("Still to do: Select whether, in the last 30 days")

    page.get_by_role("button", name="Continue your intake").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your mental health history")
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator(".invalid-feedback")).to_have_count(0)
    expect(page.get_by_text("You saved this page to finish later")).to_be_visible()
    expect(page.locator('[name="bipolar_dx"][value="no"]')).to_be_checked()
    expect(page.locator('[name="ptsd_dx"][value="yes"]')).to_be_checked()
    page.set_viewport_size(PHONE)
    assert sideways_scroll(page) <= 0
    assert_axe_clean(page)


def test_a_page_sent_unfinished_names_each_question_in_the_error_summary(page: Page, base_url: str) -> None:
    patient = UserFactory(email="named@example.test")
    answers = complete_answers()
    del answers["hx_mi"], answers["hx_avm"]
    intake = Intake.objects.create(patient=patient, answers=answers)
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "heart"))
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Select whether you have ever been told you have an AVM (arteriovenous malformation)",
        "Select whether you have ever had a heart attack",
    ])


def test_height_in_feet_and_inches_and_weight_in_pounds_come_back_in_those_units(
    page: Page, base_url: str
) -> None:
    patient = UserFactory(email="units@example.test", first_name="Ren\u00e9e", last_name="Okafor")
    intake = Intake.objects.create(patient=patient)
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "about-you"))
    expect(page.get_by_label("First name")).to_have_value("Ren\u00e9e")
    expect(page.get_by_label("Last name")).to_have_value("Okafor")
    typed = step_data("about-you", height_cm="", weight_kg="", height_feet="5", height_inches="7",
                      weight_lb="154")
    fill_step(page, {key: value for key, value in typed.items() if key not in ("first_name", "last_name")})
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()
    assert Intake.objects.get(pk=intake.pk).answers["height_cm"] == 170.18
    page.goto(step_page(base_url, intake, "about-you"))
    expect(page.get_by_label("Feet")).to_have_value("5")
    expect(page.get_by_label("Inches")).to_have_value("7")
    expect(page.get_by_label("Pounds")).to_have_value("154")
    expect(page.get_by_label("Centimeters")).to_have_value("")
    expect(page.get_by_label("Month")).to_have_value("3")


def test_medicine_rows_renumber_after_one_is_removed_with_javascript(page: Page, base_url: str) -> None:
    patient = UserFactory(email="rows@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "medicines"))
    legends = page.locator("[data-medicine-row]:visible legend")
    expect(legends).to_have_text(["Medicine 1", "Medicine 2", "Medicine 3"])
    page.get_by_role("button", name="Remove medicine 2").click()
    expect(legends).to_have_text(["Medicine 1", "Medicine 2"])
    page.get_by_role("button", name="Add another medicine").click()
    expect(legends).to_have_text(["Medicine 1", "Medicine 2", "Medicine 3"])
    expect(page.locator("[data-remove-medicine]:visible")).to_have_text(
        ["Remove medicine 1", "Remove medicine 2", "Remove medicine 3"]
    )


def test_medicine_rows_renumber_after_one_is_removed_without_javascript(
    browser: Browser, base_url: str
) -> None:
    patient = UserFactory(email="rows-nojs@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "medicines"))
    for index, name in enumerate(("Sertraline", "Ibuprofen", "Lithium")):
        page.locator(f'[name="medications-{index}-name"]').fill(name)
    page.locator('[name="medications-1-DELETE"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add another medicine").click()
    expect(page.locator("[data-medicine-row] legend")).to_have_text(
        ["Medicine 1", "Medicine 2", "Medicine 3"]
    )
    second = page.get_by_role("group", name="Medicine 2")
    expect(second.get_by_label("Name of the medicine")).to_have_value("Lithium")
    context.close()


def test_the_review_page_at_360px_is_short_fits_the_screen_and_opens_sections_by_keyboard(
    page: Page, base_url: str
) -> None:
    patient = UserFactory(email="review360@example.test")
    intake = complete_draft(patient)
    page.set_viewport_size(PHONE)
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(base_url + reverse("patients:review", kwargs={"pk": intake.pk}))
    assert sideways_scroll(page) <= 0
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6 * PHONE["height"], f"the review page is {height / PHONE['height']:.1f} screens long"
    assert_axe_clean(page)

    heart = page.locator("details.answer-group").filter(has_text="Blood pressure, heart and blood vessels")
    answer = heart.get_by_text("Have you ever had a heart attack?")
    expect(answer).to_be_hidden()
    tab_to(page, "element.tagName === 'SUMMARY' && element.textContent.includes('Blood pressure')")
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    change = heart.get_by_role("link", name=re.compile(r"^Change your answers about blood pressure"))
    expect(change).to_be_visible()
    assert sideways_scroll(page) <= 0
    page.keyboard.press("Space")
    expect(answer).to_be_hidden()

    page.get_by_role("button", name="Open all sections").click()
    expect(page.locator("details[open]")).to_have_count(11)
    assert sideways_scroll(page) <= 0
    assert_axe_clean(page)
    expect(page.get_by_role("button", name="Close all sections")).to_be_visible()
