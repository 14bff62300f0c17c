"""The patient's intake in Chromium: the whole journey, crisis help, sending once, accessibility at 360 px."""

from collections.abc import Mapping

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from outbox.models import Message
from patients.models import Intake
from patients.steps import steps_for
from screening.models import MedicationName, ScreeningResult
from tests.browser.helpers import sign_in
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery-9"  # the factory's password
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIPPED_ENDINGS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "_shown")  # hidden inputs the page already has
URGENT = {"phq9_items": [2] * 9, "cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes", "cssrs_q4": "yes",
          "cssrs_q5": "no"}


def fill_step(page: Page, data: Mapping) -> None:
    """Answer a step's questions with clicks and typing, from the POST data the page should send."""
    for name, value in data.items():
        if name == "action" or name.endswith(SKIPPED_ENDINGS):
            continue
        field = page.locator(f'[name="{name}"]').first
        kind = field.evaluate("element => element.type")
        if kind in ("radio", "checkbox") and not isinstance(value, bool):
            for item in value if isinstance(value, list) else [value]:
                page.locator(f'[name="{name}"][value="{item}"]').check()
        elif kind == "checkbox":
            field.check()
        elif kind == "select-one":
            field.select_option(str(value))
        else:
            field.fill(str(value))


def tab_to(page: Page, condition: str, limit: int = 80) -> None:
    """Press Tab until `condition` (JavaScript about `element`, the focused one) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {condition})(document.activeElement)"):
            return
    raise AssertionError(f"the keyboard never reached: {condition}")


def answer_why_care_by_keyboard(page: Page) -> None:
    tab_to(page, "element.name === 'primary_indication' && element.value === 'depression'")
    page.keyboard.press("Space")
    tab_to(page, "element.name === 'condition_duration'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, "element.name === 'medicines_tried'")
    page.keyboard.type("Sertraline for a year.")
    tab_to(page, "element.textContent.trim() === 'Save and continue'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def save_and_continue(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()


def continue_without_problems(page: Page) -> None:
    save_and_continue(page)
    problems = page.locator("#error-summary").evaluate_all("els => els.map(e => e.innerHTML)")
    assert not problems, f"{page.url}: {problems}"


def sign_and_send(page: Page, *, double_click: bool = False) -> None:
    fill_step(page, step_data("review"))
    button = page.get_by_role("button", name="Accept and send")
    with page.expect_navigation(url="**/sent/"):
        button.dblclick() if double_click else button.click()


def complete_draft(patient: object, **overrides: object) -> Intake:
    answers = complete_answers(**overrides)
    done = [step.slug for step in steps_for(answers) if step.slug != "review"]
    return Intake.objects.create(patient=patient, answers=answers, completed_steps=done)


def step_page(base_url: str, intake: Intake, slug: str) -> str:
    return base_url + reverse("patients:step", kwargs={"pk": intake.pk, "slug": slug})


def test_a_patient_fills_the_whole_intake_saves_midway_resumes_and_sends_it(
    page: Page, base_url: str
) -> None:
    patient = UserFactory(email="journey@example.test", first_name="Alex")
    answers = complete_answers()
    sign_in(page, base_url, patient.email, PASSWORD)
    page.get_by_role("button", name="Start your intake").click()
    expect(page.get_by_text("Step 1 of 12")).to_be_visible()
    fill_step(page, step_data("about-you", answers))
    continue_without_problems(page)
    answer_why_care_by_keyboard(page)
    fill_step(page, step_data("questionnaires", answers))
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_role("status")).to_contain_text("Your answers are saved")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base_url, patient.email, PASSWORD)
    page.get_by_role("button", name="Continue your intake").click()
    expect(page.get_by_text("Step 4 of 12")).to_be_visible()
    for slug in ("suicide-screen", "mental-health", "alcohol-drugs", "heart", "other-conditions", "pregnancy",
                 "medicines", "logistics"):
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Check your answers")
        fill_step(page, step_data(slug, answers))
        continue_without_problems(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before you send them")
    page.locator("summary").filter(has_text="Why you are looking for care").click()
    expect(page.get_by_text("Sertraline for a year.")).to_be_visible()
    sign_and_send(page)

    expect(page.get_by_role("heading", name="Your form has been sent")).to_be_visible()
    intake = Intake.objects.get(patient=patient)
    assert intake.status == Intake.Status.SUBMITTED
    assert intake.answers["condition_duration"] == "2_to_5_years"


def test_crisis_help_appears_as_soon_as_item_9_is_answered_above_0(page: Page, base_url: str) -> None:
    patient = UserFactory(email="crisis@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "questionnaires"))
    panel = page.locator("#crisis-panel")
    expect(panel).to_be_hidden()
    page.locator('[name="phq9_9"][value="1"]').check()
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("988")
    expect(panel).to_contain_text("This form is not watched live")


def test_without_javascript_crisis_help_appears_on_the_next_page(browser: Browser, base_url: str) -> None:
    patient = UserFactory(email="nojs@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "questionnaires"))
    fill_step(page, step_data("questionnaires", phq9_9="1"))
    expect(page.locator("#crisis-panel")).to_be_hidden()
    save_and_continue(page)
    expect(page.locator("#crisis-panel")).to_be_visible()
    context.close()


def test_javascript_shows_the_suicide_screen_follow_ups_after_a_yes(page: Page, base_url: str) -> None:
    patient = UserFactory(email="followups@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "suicide-screen"))
    follow_up = page.locator('[name="cssrs_q3"]').first
    expect(follow_up).to_be_hidden()
    page.locator('[name="cssrs_q2"][value="yes"]').check()
    expect(follow_up).to_be_visible()
    expect(page.locator("#crisis-panel")).to_be_visible()
    page.locator('[name="cssrs_q6"][value="yes"]').check()
    expect(page.locator('[name="cssrs_q6_past_3_months"]').first).to_be_visible()


def test_a_double_click_and_a_second_tab_make_exactly_one_submission(page: Page, base_url: str) -> None:
    patient = UserFactory(email="twice@example.test")
    intake = complete_draft(patient)
    sign_in(page, base_url, patient.email, PASSWORD)
    review = base_url + reverse("patients:review", kwargs={"pk": intake.pk})
    second_tab = page.context.new_page()
    second_tab.goto(review)
    page.goto(review)
    sign_and_send(page, double_click=True)
    sign_and_send(second_tab)

    expect(second_tab.get_by_role("heading", name="Your form has been sent")).to_be_visible()
    assert ScreeningResult.objects.filter(intake=intake).count() == 1
    assert Message.objects.filter(kind="intake-submitted").count() == 1
    assert intake.status_changes.count() == 1


def test_the_medicines_page_adds_rows_in_place_and_suggests_names(page: Page, base_url: str) -> None:
    # The live server's tables are emptied between tests, so the dictionary row is made here.
    MedicationName.objects.get_or_create(
        name="sertraline", defaults={"generic": "sertraline", "classes": "NONE"}
    )
    patient = UserFactory(email="medicines@example.test")
    intake = Intake.objects.create(patient=patient, answers=complete_answers())
    sign_in(page, base_url, patient.email, PASSWORD)
    page.goto(step_page(base_url, intake, "medicines"))
    rows = page.locator("[data-medicine-row]:visible")
    expect(rows).to_have_count(3)
    page.get_by_role("button", name="Add another medicine").click()
    expect(rows).to_have_count(4)
    assert page.url == step_page(base_url, intake, "medicines")
    new_name = page.locator('[name="medications-3-name"]')
    expect(new_name).to_be_focused()
    page.get_by_role("button", name="Remove medicine 1").click()
    expect(rows).to_have_count(3)
    new_name.press_sequentially("sertr")
    expect(page.locator("#medication-names option[value='sertraline']")).to_have_count(1)


def assert_accessible_at_360px(page: Page, axe: Axe) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 360px"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_every_intake_page_passes_axe_and_fits_360px(page: Page, base_url: str) -> None:
    axe = Axe()
    patient = UserFactory(email="axe@example.test")
    sign_in(page, base_url, patient.email, PASSWORD)
    assert_accessible_at_360px(page, axe)  # the empty dashboard
    intake = complete_draft(patient, **URGENT)
    Intake.objects.filter(pk=intake.pk).update(crisis_shown_at=timezone.now())
    for step in steps_for(intake.answers):
        page.goto(step_page(base_url, intake, step.slug))
        assert_accessible_at_360px(page, axe)
    page.goto(step_page(base_url, intake, "about-you"))
    page.locator('[name="first_name"]').fill("")
    save_and_continue(page)
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible_at_360px(page, axe)
    page.goto(base_url + reverse("patients:dashboard"))
    assert_accessible_at_360px(page, axe)
    page.goto(base_url + reverse("patients:review", kwargs={"pk": intake.pk}))
    assert_accessible_at_360px(page, axe)
    sign_and_send(page)
    expect(page.get_by_text("The clinic will call you today")).to_be_visible()
    assert_accessible_at_360px(page, axe)
    page.goto(base_url + reverse("patients:intake-detail", kwargs={"pk": intake.pk}))
    assert_accessible_at_360px(page, axe)
