"""The review queue in Chromium: a clinician filters by a flag code and claims a case with the keyboard.

The page passes axe and fits 360 px, with rows, with a filter and with an error. Admins and patients
are refused. With SCREENSHOT_DIR set, each page is saved there at 1280 and 360 px.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from patients.models import Intake
from review import services as review
from review.models import Claim
from screening import services
from tests.browser.helpers import sign_in
from tests.browser.test_access_log import check_both_widths
from tests.browser.test_screening import PASSWORD, URGENT_ANSWERS, tab_to
from tests.factories import IntakeFactory, UserFactory
from tests.review.cases import EXCLUSION, PRECAUTION
from tests.screening.documents import make_document

pytestmark = pytest.mark.browser


def sent_case(first: str, last: str, days_ago: int, **answers: object) -> Intake:
    email = f"{first}@mail.test".lower()
    patient = UserFactory(role="patient", first_name=first, last_name=last, email=email)
    intake = IntakeFactory(patient=patient, document=make_document(**answers),
                           submitted_at=timezone.now() - timedelta(days=days_ago))
    services.screen_intake(intake=intake, reason="submitted")
    return intake


def test_a_clinician_filters_the_queue_by_a_flag_and_claims_a_case(page: Page, base_url: str) -> None:
    casey = UserFactory(role="clinician", first_name="Casey", last_name="Carer", email="casey@example.test")
    corey = UserFactory(role="clinician", first_name="Corey", last_name="Other", email="corey@example.test")
    sent_case("Uma", "Urgentcase", 0, **URGENT_ANSWERS)
    blocked = sent_case("Bo", "Blockedcase", 1, **EXCLUSION)
    held = sent_case("Pia", "Heldcase", 6, **PRECAUTION)
    review.claim_case(intake=held, by=corey)
    sign_in(page, base_url, casey.email, PASSWORD)

    page.get_by_role("link", name="Review queue").click()
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Uma Urgentcase")
    expect(rows.first).to_contain_text("1 urgent")
    expect(page.locator("main tbody tr", has_text="Pia Heldcase")).to_contain_text("Corey Other")
    expect(page.locator("main tbody tr", has_text="Pia Heldcase")).to_contain_text("Overdue")
    check_both_widths(page, "review-queue")

    page.get_by_label("Flag").select_option("CARDIO_ANEURYSM_AVM")
    tab_to(page, "Show cases")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bo Blockedcase")
    expect(rows.first).to_contain_text("1 exclusion")
    tab_to(page, "Claim")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(f"You have claimed case {blocked.pk}.")
    expect(page.get_by_label("Flag")).to_have_value("CARDIO_ANEURYSM_AVM")
    expect(rows.first).to_contain_text("You")
    expect(rows.first.get_by_role("button", name=f"Release case {blocked.pk}")).to_be_visible()
    assert Claim.objects.get(intake=blocked).clinician == casey
    check_both_widths(page, "review-queue-claimed")

    page.get_by_label("Sent from").fill("2026-06-20")
    page.get_by_label("Sent to").fill("2026-06-10")
    with page.expect_navigation():
        page.get_by_role("button", name="Show cases").click()
    expect(page.get_by_role("alert")).to_contain_text("The end date must be the same as or after")
    check_both_widths(page, "review-queue-error")


@pytest.mark.parametrize("role", ["admin", "patient"])
def test_admins_and_patients_are_refused_the_queue(page: Page, base_url: str, role: str) -> None:
    sent_case("Uma", "Urgentcase", 0, **URGENT_ANSWERS)
    user = UserFactory(role=role, email=f"{role}@example.test")
    sign_in(page, base_url, user.email, PASSWORD)
    response = page.goto(base_url + reverse("review:queue"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.locator("main")).not_to_contain_text("Urgentcase")
    expect(page.get_by_role("link", name="Review queue")).to_have_count(0)


def test_the_catalogue_count_and_the_alert_page_lead_a_clinician_into_review(
    page: Page, base_url: str
) -> None:
    casey = UserFactory(role="clinician", email="casey@example.test")
    blocked = sent_case("Bo", "Blockedcase", 1, **EXCLUSION)
    urgent = sent_case("Uma", "Urgentcase", 0, **URGENT_ANSWERS)
    sign_in(page, base_url, casey.email, PASSWORD)

    page.goto(base_url + reverse("screening:catalogue"))
    with page.expect_navigation():
        page.locator("#rule-CARDIO_ANEURYSM_AVM").get_by_role("link").click()
    expect(page.get_by_label("Flag")).to_have_value("CARDIO_ANEURYSM_AVM")
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody tr").first).to_contain_text("Bo Blockedcase")
    assert f"/review/{blocked.pk}/" in page.locator("main tbody tr a").first.get_attribute("href")

    page.goto(base_url + reverse("screening:alert-detail", args=[urgent.crisis_alerts.get().pk]))
    link = page.get_by_role("link", name=f"Open case {urgent.pk} in review")
    expect(link).to_have_attribute("href", reverse("review:case", args=[urgent.pk]))
    check_both_widths(page, "alert-with-case-link")
