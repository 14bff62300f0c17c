"""The case page's content: summary, scores, flags with their answers, answers, medicines, history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patients.models import Intake
from review import services
from review.selectors import case_detail
from screening.models import CrisisAlert
from screening.rules import RULESET_VERSION
from screening.services import screen_intake
from tests.patients.answers import complete_answers
from tests.review.cases import EXCLUSION, NOW, PRECAUTION, URGENT, flag, screened_case, sent_intake
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db
MEDICINES = [
    {"name": "Xanax 0.5 mg", "dose": None, "frequency": "as needed"},
    {"name": "sertralin", "dose": "50 mg", "frequency": None},
    {"name": "my blue pill", "dose": None, "frequency": None},
]


def test_the_summary_gives_age_state_and_contact_details() -> None:
    intake = sent_intake(date_of_birth="1985-06-16", state="CA", phone="555 123 4567")
    summary = case_detail(intake, now=NOW).summary
    assert (summary.name, summary.age, summary.state, summary.phone) == (
        "Alex Rivera",
        40,
        "CA",
        "555 123 4567",
    )
    assert summary.email == intake.patient.email and summary.emergency_contact == "Sam Rivera 555 765 4321"


def test_scores_come_with_their_bands_and_the_c_ssrs_risk() -> None:
    detail = case_detail(screened_case(**URGENT), now=NOW)
    assert detail.result.scores == {
        "phq9": {"total": 8, "band": "mild"},
        "gad7": {"total": 7, "band": "mild"},
        "cssrs": {"risk": "high"},
    }


def test_each_flag_shows_the_answers_that_fired_it_with_the_step_they_sit_in(casey: object) -> None:
    intake = sent_intake(bp_systolic=150, date_of_birth="1950-01-01")
    detail = case_detail(intake, now=NOW)
    views = {view.flag.code: view for view in detail.flags}
    bp = views["CARDIO_BP_ELEVATED"]
    # PostgreSQL's jsonb keeps its own key order, so the evidence is compared as a set.
    assert {(e.field, e.value, e.step_slug) for e in bp.evidence} == {
        ("bp_systolic", 150, "heart"),
        ("bp_diastolic", 80, "heart"),
    }
    assert "systolic" in next(e for e in bp.evidence if e.field == "bp_systolic").question.lower()
    assert {(e.field, e.step_slug) for e in views["AGE_65_PLUS"].evidence} == {
        ("date_of_birth", "about-you"),
        ("age_years", "about-you"),
    }
    assert bp.flag.rationale and bp.flag.sources


def test_a_flag_lists_every_disposition_of_its_code(casey: object, corey: object) -> None:
    intake = screened_case(**EXCLUSION)
    services.override_flag(
        flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="Seen scan"
    )
    services.cosign_override(flag=flag(intake, "CARDIO_ANEURYSM_AVM"), by=corey)
    [view] = case_detail(intake, now=NOW).flags
    assert [(d.kind, d.by) for d in view.dispositions] == [("overridden", casey), ("cosigned", corey)]
    assert (view.flag.cosigned_by, view.is_new) == (corey, False)


def test_answers_are_grouped_by_step_in_words() -> None:
    detail = case_detail(sent_intake(), now=NOW)
    slugs = [group.step.slug for group in detail.answers]
    assert slugs[0] == "about-you" and "review" not in slugs and "pregnancy" in slugs
    about = detail.answers[0]
    assert ("What is your first name?", "Alex") in about.rows or any(
        "Alex" in answer for _, answer in about.rows
    )
    assert detail.reopenable_steps[0].slug == "about-you" and "review" not in [
        s.slug for s in detail.reopenable_steps
    ]


def test_medicines_show_what_was_typed_what_it_matched_and_what_to_confirm() -> None:
    intake = screened_case()
    Intake.objects.filter(pk=intake.pk).update(answers=complete_answers(medications=MEDICINES))
    xanax, misspelt, unknown = case_detail(intake, now=NOW).medicines
    assert (xanax.typed, xanax.matched, xanax.classes, xanax.needs_confirmation) == (
        "Xanax 0.5 mg",
        ("alprazolam",),
        ("BENZODIAZEPINE",),
        False,
    )
    assert xanax.frequency == "as needed" and misspelt.dose == "50 mg"
    assert misspelt.matched == ("sertraline",) and misspelt.fuzzy and misspelt.needs_confirmation
    assert (unknown.matched, unknown.unrecognized, unknown.needs_confirmation) == (
        (),
        ("my blue pill",),
        True,
    )


def test_an_urgent_case_shows_its_alert_and_whether_it_is_settled(casey: object) -> None:
    intake = screened_case(**URGENT)
    [view] = case_detail(intake, now=NOW).alerts
    assert (view.alert.status, view.is_settled) == ("open", False)
    services.record_alert_disposition(alert=view.alert, by=casey, kind="referred", note="911 called")
    [view] = case_detail(intake, now=NOW).alerts
    assert view.is_settled and view.dispositions[0].note == "911 called"


def test_the_blockers_and_the_claim_are_those_of_the_services(casey: object, clock: object) -> None:
    intake = screened_case(**EXCLUSION, **PRECAUTION, **URGENT)
    services.claim_case(intake=intake, by=casey)
    detail = case_detail(intake, now=NOW)
    assert detail.blockers == services.clearance_blockers(Intake.objects.get(pk=intake.pk))
    assert len(detail.blockers) == 3 and detail.claimed_by == casey
    assert case_detail(intake, now=NOW + timedelta(hours=2)).claimed_by is None
    assert detail.at_home_possible and detail.cosignature_required
    assert ("at_home", "At home") in detail.routes


def test_the_history_tells_the_case_in_time_order(casey: object, clock: object) -> None:
    intake = sent_intake(**URGENT)
    clock.shift(timedelta(minutes=5))
    services.record_alert_disposition(
        alert=CrisisAlert.objects.get(intake=intake), by=casey, kind="contacted", note="Safety plan agreed"
    )
    clock.shift(timedelta(minutes=5))
    services.request_more_information(intake=intake, by=casey, steps=["heart"], message="Recent BP?")
    texts = [(entry.what, entry.text) for entry in case_detail(intake, now=NOW).history]
    assert texts[0] == ("Status", "Draft → Submitted")
    assert ("Screening", f"Screened: Urgent: same-day contact (rules {RULESET_VERSION})") in texts
    assert ("Alert", "Crisis alert raised (An urgent screening of a submitted intake)") in texts
    assert ("Alert", "Contacted the patient, safety plan made; Safety plan agreed") in texts
    assert any(what == "Flag" and text.startswith("SI_CSSRS_HIGH acknowledged") for what, text in texts)
    assert (
        "Decision",
        "More information requested; reopened: Blood pressure, heart and blood vessels",
    ) in texts
    assert ("Message", "To the patient: Recent BP?") in texts
    assert [entry.at for entry in case_detail(intake, now=NOW).history] == sorted(
        entry.at for entry in case_detail(intake, now=NOW).history
    )


def queries_for(intake: Intake) -> int:
    with CaptureQueriesContext(connection) as captured:
        case_detail(intake, now=NOW)
    return len(captured)


def test_the_case_costs_the_same_queries_however_much_has_happened(casey: object, corey: object) -> None:
    quiet = screened_case(**URGENT)
    busy = screened_case(**URGENT, **EXCLUSION, **PRECAUTION, medications=MEDICINES)
    services.record_alert_disposition(
        alert=CrisisAlert.objects.get(intake=busy), by=casey, kind="referred", note="ER"
    )
    services.override_flag(flag=flag(busy, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="n")
    services.cosign_override(flag=flag(busy, "CARDIO_ANEURYSM_AVM"), by=corey)
    services.acknowledge_flag(flag=flag(busy, "CARDIO_BP_ELEVATED"), by=casey)
    for systolic in (151, 152, 153):
        busy.document = make_document(**URGENT, **EXCLUSION, bp_systolic=systolic)
        screen_intake(intake=busy, reason="manual")
    case_detail(quiet, now=NOW)  # the medication matcher is built once per process
    assert queries_for(quiet) == queries_for(busy) <= 13


def test_a_name_the_patient_confirmed_shows_what_they_first_typed() -> None:
    intake = screened_case()
    confirmed = {
        "name": "sertraline",
        "dose": None,
        "frequency": None,
        "name_check": {
            "typed": "sertralin",
            "questions": [{"word": "sertralin", "suggestion": "sertraline", "answer": "use"}],
        },
    }
    Intake.objects.filter(pk=intake.pk).update(answers=complete_answers(medications=[confirmed]))
    [row] = case_detail(intake, now=NOW).medicines
    assert (row.typed, row.matched, row.asked_patient, row.needs_confirmation) == (
        "sertralin",
        ("sertraline",),
        True,
        False,
    )
