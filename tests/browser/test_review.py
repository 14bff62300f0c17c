"""The clinician's case page in Chromium: an urgent case dealt with and cleared; the more-information loop.

Every case page passes axe and fits 360 px. With SCREENSHOT_DIR set, each is saved there at 1280 and 360 px.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Locator, Page, expect

from patients.models import Intake
from review.models import Decision
from screening.models import CrisisAlert, ScreeningFlag
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT
from tests.browser.helpers import sign_in
from tests.browser.test_access_log import check_both_widths
from tests.browser.test_intake import fill_step
from tests.browser.test_screening import PASSWORD
from tests.factories import UserFactory
from tests.patients.answers import step_data
from tests.review.cases import EXCLUSION, URGENT, screened_case, sent_intake

pytestmark = pytest.mark.browser
ANEURYSM = "CARDIO_ANEURYSM_AVM"
ASK = "Please give a blood pressure reading from the past month."


def clinician(first_name: str, last_name: str) -> object:
    return UserFactory(role="clinician", first_name=first_name, last_name=last_name,
                       email=f"{first_name.lower()}@example.test")


def second_page(browser: Browser) -> Page:
    """Another person's browser: a fresh context of its own."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def open_case(page: Page, base_url: str, intake: Intake) -> None:
    page.goto(base_url + reverse("review:case", args=[intake.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Case {intake.pk}")


def open_from_top_of_queue(page: Page, base_url: str, intake: Intake) -> None:
    """The clinician's way in: the queue, most urgent first; its first row is this case."""
    page.goto(base_url + reverse("review:queue"))
    first = page.locator("main tbody tr").first
    expect(first).to_contain_text("1 urgent")
    with page.expect_navigation():
        first.get_by_role("link", name=f"open case {intake.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Case {intake.pk}")


def submit(page: Page, scope: Locator, button: str) -> None:
    with page.expect_navigation():
        scope.get_by_role("button", name=button).click()


def status_says(page: Page, text: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(text)


def test_a_clinician_deals_with_an_urgent_case_a_second_co_signs_and_it_is_cleared(
    page: Page, browser: Browser, base_url: str
) -> None:
    casey, corey = clinician("Casey", "Reviewer"), clinician("Corey", "Cosigner")
    intake = screened_case(**URGENT, **EXCLUSION)
    alert = CrisisAlert.objects.get(intake=intake)
    exclusion = ScreeningFlag.objects.get(result__intake=intake, code=ANEURYSM)
    screened_case(**EXCLUSION)  # a blocked case waits too, below the urgent one
    sign_in(page, base_url, casey.email, PASSWORD)
    open_from_top_of_queue(page, base_url, intake)
    # Flags first: the urgent one above the exclusion, both above the answers.
    headings = page.locator("main h3").all_inner_texts()
    assert headings.index(next(h for h in headings if "SI_CSSRS" in h)) < headings.index(
        next(h for h in headings if ANEURYSM in h))
    check_both_widths(page, "review-case-urgent")

    # A triggering answer's link leads to the answer itself, highlighted among the rest.
    page.locator(f"#flag-{exclusion.pk}").get_by_role("link", name="see in answers").click()
    target = page.locator(".case-answer:target")
    expect(target).to_contain_text("aneurysm")
    expect(target).to_contain_text(f"Flag: {ANEURYSM}")
    expect(target).to_be_in_viewport()

    # Clearing now is refused, with every unmet precondition listed and the choice kept.
    page.get_by_text("Clear for consultation", exact=True).click()
    page.locator("#decide-clear").get_by_label("IV infusion").check()
    submit(page, page.locator("#decide-clear"), "Continue to clear the case")
    refusal = page.locator("#clear-errors")
    expect(refusal).to_contain_text("The case cannot be cleared yet")
    expect(refusal).to_contain_text("no outcome has been recorded")
    expect(refusal).to_contain_text(f"{ANEURYSM}: the exclusion has not been overridden")
    expect(page.locator("#decide-clear").get_by_label("IV infusion")).to_be_checked()
    check_both_widths(page, "review-case-refused")

    card = page.locator(f"#alert-{alert.pk}")
    card.get_by_label("Contacted the patient, safety plan made").check()
    card.get_by_label("Note").fill("Called at 12:10; safety plan agreed with the patient and their sister.")
    submit(page, card, "Record the outcome")
    status_says(page, "The alert's outcome is recorded.")
    expect(page.locator(f"#alert-{alert.pk}")).to_contain_text("Dealt with.")

    flag_card = page.locator(f"#flag-{exclusion.pk}")
    flag_card.get_by_label("Specialist clearance on file").check()
    flag_card.get_by_label("Note").fill("Neurosurgery letter 2026-05-01: aneurysm repaired, no restriction.")
    submit(page, flag_card, f"Override {ANEURYSM}")
    status_says(page, f"{ANEURYSM} overridden.")
    expect(page.locator(f"#flag-{exclusion.pk}")).to_contain_text("You made this override:")

    other = second_page(browser)
    sign_in(other, base_url, corey.email, PASSWORD)
    open_case(other, base_url, intake)
    submit(other, other.locator(f"#flag-{exclusion.pk}"), f"Co-sign the override of {ANEURYSM}")
    status_says(other, f"Override of {ANEURYSM} co-signed.")
    expect(other.locator(f"#flag-{exclusion.pk}")).to_contain_text("Overridden and co-signed")
    other.context.close()

    open_case(page, base_url, intake)
    decision = page.locator("section[aria-labelledby=decision]")
    expect(decision).to_contain_text("Nothing stops this case from being cleared.")
    page.get_by_text("Clear for consultation", exact=True).click()
    clear = page.locator("#decide-clear")
    clear.get_by_label("IV infusion").check()
    clear.get_by_label("Intramuscular injection").check()
    clear.get_by_label("Conditions (optional)").fill("BP re-check before the first dose")
    submit(page, clear, "Continue to clear the case")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Clear for consultation: check before you confirm")
    check_both_widths(page, "review-clear-confirm")
    submit(page, page.locator("main"), "Confirm: clear for consultation")

    status_says(page, "The case is cleared for consultation.")
    expect(page.locator("main")).to_contain_text("Status: Cleared")
    expect(page.locator("section[aria-labelledby=history]")).to_contain_text(
        "Cleared for consultation; routes: IV infusion, Intramuscular injection; "
        "conditions: BP re-check before the first dose")
    made = Decision.objects.get(intake=intake)
    assert (made.kind, made.routes, made.by) == ("clear", ["iv_infusion", "intramuscular"], casey)
    check_both_widths(page, "review-case-cleared")


def test_a_case_asked_for_more_information_returns_with_the_changed_answers_marked(
    page: Page, browser: Browser, base_url: str
) -> None:
    casey = clinician("Casey", "Reviewer")
    intake = sent_intake()
    sign_in(page, base_url, casey.email, PASSWORD)
    open_case(page, base_url, intake)
    page.get_by_text("Request more information", exact=True).click()
    ask = page.locator("#decide-request_info")
    ask.get_by_label("Blood pressure, heart and blood vessels").check()
    ask.get_by_label("Message to the patient").fill(ASK)
    submit(page, ask, "Continue to ask the patient")
    submit(page, page.locator("main"), "Confirm: ask the patient")
    status_says(page, "The patient has been asked for more information")
    expect(page.locator("main")).to_contain_text("Status: More information requested")

    patient = second_page(browser)
    sign_in(patient, base_url, intake.patient.email, PASSWORD)
    patient.goto(base_url + reverse("patients:dashboard"))
    expect(patient.locator("main")).to_contain_text(ASK)
    with patient.expect_navigation():
        patient.get_by_role("link", name="Blood pressure, heart and blood vessels").click()
    patient.locator('[name="bp_systolic"]').fill("150")
    with patient.expect_navigation():
        patient.get_by_role("button", name="Save and continue").click()
    patient.goto(base_url + reverse("patients:dashboard"))
    with patient.expect_navigation():
        patient.get_by_role("link", name="Check and send your answers again").click()
    fill_step(patient, step_data("review"))
    with patient.expect_navigation():
        patient.get_by_role("button", name="Accept and send again").click()
    patient.context.close()
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.SUBMITTED

    open_case(page, base_url, intake)
    expect(page.locator("main")).to_contain_text("Sent again with changes")
    heart = page.locator("#answers-heart")
    expect(heart.locator(".case-answer-changed")).to_have_count(1)
    expect(heart.locator(".case-answer-changed")).to_contain_text("150")
    expect(page.locator("section[aria-labelledby=flags]")).to_contain_text("New since the last screening")
    check_both_widths(page, "review-case-resubmitted")
