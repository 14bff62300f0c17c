"""The case page: who may open it, what it shows, that opening it is logged, and its fixed query count."""

import re

import pytest
from django.urls import reverse

from audit.models import AccessRecord
from patients.services import resubmit_intake
from review import services
from review.models import ReviewSettings
from screening.services import screen_intake
from tests.access.table import project_snapshot
from tests.factories import DraftIntakeFactory, IntakeFactory, UserFactory
from tests.patients.answers import complete_answers
from tests.review.cases import EXCLUSION, INFO, PRECAUTION, URGENT, flag, screened_case, sent_intake
from tests.review.pages import case_page, case_url, client_for
from tests.review.test_more_info_loop import patient_changes
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
MEDICINES = [
    {"name": "sertralin", "dose": "50 mg", "frequency": "daily"},
    {"name": "my blue pill", "dose": None, "frequency": None},
]
QUERIES = 21  # the same for one case or many, whatever its flags, dispositions and alerts


def test_a_clinician_sees_summary_scores_and_every_flag_with_its_severity_in_words(casey: object) -> None:
    intake = screened_case(**URGENT, **EXCLUSION, **PRECAUTION, **INFO)
    html = case_page(client_for(casey), intake)
    for words in ("Urgent", "Exclusion", "Precaution", "Information", "PHQ-9 (depression)", "GAD-7 (anxiety)",
                  "C-SSRS risk", "<strong>High</strong>", "Alex Rivera", "555 123 4567"):
        assert words in html, words
    # Most severe first, and the flags before the answers.
    positions = [html.index(code) for code in ("SI_", "CARDIO_ANEURYSM_AVM", "CARDIO_BP_ELEVATED")]
    assert positions == sorted(positions) and positions[-1] < html.index('id="answers"')


def test_the_summary_gives_age_and_state(casey: object) -> None:
    intake = sent_intake(date_of_birth="1985-06-16", state="CA")
    html = case_page(client_for(casey), intake)
    assert re.search(r"<dt[^>]*>Age</dt><dd[^>]*>40</dd>", html)
    assert re.search(r"<dt[^>]*>State</dt><dd[^>]*>CA</dd>", html)


def test_each_triggering_answer_links_to_its_row_in_the_answers(casey: object) -> None:
    intake = sent_intake(bp_systolic=150)
    html = case_page(client_for(casey), intake)
    links = re.findall(r'<a href="#(answer-heart-[^"]+)">see in answers', html)
    assert links, "the blood pressure flag links to none of its answers"
    for anchor in links:
        assert f'id="{anchor}"' in html
        row = html[html.index(f'id="{anchor}"'):][:600]
        assert "150" in row or "80" in row


def test_medicines_show_the_match_and_mark_guesses_and_unknown_names_for_confirmation(casey: object) -> None:
    intake = sent_intake(medications=MEDICINES)
    html = case_page(client_for(casey), intake)
    medicines = html[html.index('id="medicines"'):html.index('id="answers"')]
    assert "sertralin" in medicines and "sertraline" in medicines.lower()
    assert "guessed by spelling" in medicines and "not recognised: my blue pill" in medicines
    assert medicines.count("Confirm with the patient") == 2


def test_opening_a_case_writes_the_access_log_and_nothing_else(casey: object) -> None:
    intake = screened_case(**URGENT)
    client = client_for(casey)
    before = project_snapshot()
    case_page(client, intake)
    after = project_snapshot()
    record = AccessRecord.objects.get()
    assert (record.staff, record.patient, record.path) == (casey, intake.patient, case_url(intake))
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"audit.AccessRecord"}


def test_a_form_shown_again_with_its_errors_logs_the_access_too(casey: object) -> None:
    intake = screened_case(**URGENT)
    alert = intake.crisis_alerts.get()
    response = client_for(casey).post(reverse("review:alert-disposition", args=[intake.pk, alert.pk]), {})
    assert response.status_code == 200 and "Choose what happened." in response.content.decode()
    assert AccessRecord.objects.get().action == "review:alert-disposition"


def test_an_intake_not_screened_yet_says_so(casey: object) -> None:
    intake = IntakeFactory(answers=complete_answers())
    html = case_page(client_for(casey), intake)
    assert "This intake has not been screened yet" in html and "Not scored" in html


def test_patients_admins_and_anonymous_visitors_are_refused_and_a_draft_is_not_found(casey: object) -> None:
    intake = screened_case(**URGENT)
    assert client_for(intake.patient).get(case_url(intake)).status_code == 403
    admin = UserFactory(role="admin")
    refused = client_for(admin).get(case_url(intake))
    assert refused.status_code == 403 and intake.patient.email not in refused.content.decode()
    assert client_for(casey).get(case_url(DraftIntakeFactory())).status_code == 404
    assert not AccessRecord.objects.exists()


def test_an_urgent_case_shows_its_alert_with_the_outcome_form_until_it_is_dealt_with(casey: object) -> None:
    intake = screened_case(**URGENT)
    client = client_for(casey)
    html = case_page(client, intake)
    assert "Needs same-day contact" in html and "Referred to emergency care" in html
    services.record_alert_disposition(alert=intake.crisis_alerts.get(), by=casey, kind="referred",
                                      note="Sent to the ER by ambulance")
    html = case_page(client, intake)
    assert "Dealt with." in html and "Sent to the ER by ambulance" in html
    assert "Record the outcome" not in html


def test_each_disposition_shows_who_when_and_what(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    services.override_flag(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=casey, reason="specialist_clearance",
                           note="Neurosurgery letter 2026-05-01")
    services.cosign_override(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=corey)
    html = case_page(client_for(corey), intake)
    card = html[html.index('class="card mb-3 flag-card'):html.index('id="decision"')]
    assert "Overridden and co-signed" in card
    assert "Specialist clearance on file. Neurosurgery letter 2026-05-01" in card
    assert "Casey Reviewer, Mon 15 Jun 2026" in card and "Override co-signed" in card
    assert "Corey Cosigner, Mon 15 Jun 2026" in card


def test_the_history_keeps_the_disposition_of_a_flag_a_re_screen_removed(casey: object) -> None:
    intake = screened_case(**PRECAUTION)
    services.acknowledge_flag(flag=flag(intake, "CARDIO_BP_ELEVATED"), by=casey, note="Rechecked 128/80")
    intake.document = make_document()
    screen_intake(intake=intake, reason="answers_changed")
    html = case_page(client_for(casey), intake)
    history = html[html.index('id="history"'):]
    assert "CARDIO_BP_ELEVATED acknowledged; Rechecked 128/80" in history
    assert "removed CARDIO_BP_ELEVATED" in history
    assert "The screening raised no flags." in html


def test_answers_changed_in_a_resubmission_are_marked(casey: object) -> None:
    intake = sent_intake()
    services.request_more_information(intake=intake, by=casey, steps=["heart"], message="Is 120/80 recent?")
    patient_changes(intake, "heart", bp_systolic="150")
    resubmit_intake(intake_id=intake.pk, patient=intake.patient, signature="Alex Rivera")
    html = case_page(client_for(casey), intake)
    assert "Sent again with changes" in html
    heart = html[html.index('id="answers-heart"'):]
    heart = heart[:heart.index("</section>")]
    changed = re.findall(r'class="case-answer [^"]*case-answer-changed"', heart)
    assert len(changed) == 1
    assert "New since the last screening" in html


def test_the_co_signature_button_is_not_offered_when_the_clinic_does_not_ask_for_it(
    casey: object, corey: object
) -> None:
    ReviewSettings.objects.update_or_create(singleton=True, defaults={"cosignature_required": False})
    intake = screened_case(**EXCLUSION)
    services.override_flag(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="Seen")
    html = case_page(client_for(corey), intake)
    assert "Co-sign the override" not in html and "waiting for a second" not in html


def test_the_query_count_does_not_grow_with_the_number_of_cases(
    casey: object, corey: object, django_assert_max_num_queries: object
) -> None:
    client = client_for(casey)
    intake = screened_case(**URGENT, **EXCLUSION, **PRECAUTION)
    case_page(client, intake)
    with django_assert_max_num_queries(QUERIES):
        case_page(client, intake)
    for _ in range(25):
        other = screened_case(**URGENT, **EXCLUSION, **PRECAUTION, **INFO)
        services.override_flag(flag=flag(other, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="n")
        services.cosign_override(flag=flag(other, "CARDIO_ANEURYSM_AVM"), by=corey)
    services.override_flag(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="n")
    services.acknowledge_flag(flag=flag(intake, "CARDIO_BP_ELEVATED"), by=casey, note="n")
    services.record_alert_disposition(alert=intake.crisis_alerts.get(), by=casey, kind="other", note="n")
    with django_assert_max_num_queries(QUERIES):
        case_page(client, intake)



def test_the_case_page_is_under_review_url() -> None:
    assert reverse("review:case", args=[7]) == "/review/7/"
