from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from outbox.models import Message
from patients import services
from patients.models import Intake, IntakeStatusChange
from patients.steps import get_step, steps_for
from screening.document import InvalidDocument
from screening.models import ClinicSettings, CrisisAlert, ScreeningResult
from screening.services import acknowledge_alert
from tests.factories import UserFactory
from tests.patients.answers import TODAY, complete_answers, step_data

pytestmark = pytest.mark.django_db
NOON_ON_TODAY = datetime(TODAY.year, TODAY.month, TODAY.day, 16, 0, tzinfo=UTC)


def save(intake: Intake, slug: str, answers: dict | None = None, **overrides: object) -> Intake:
    step = get_step(slug)
    form = step.form_class(step_data(slug, answers, **overrides), answers=intake.answers, today=TODAY)
    return services.save_step(intake=intake, step=step, form=form)


def complete_draft(patient: object, **overrides: object) -> Intake:
    """A draft with every applicable step answered and marked done."""
    answers = complete_answers(**overrides)
    return Intake.objects.create(
        patient=patient, answers=answers, completed_steps=[step.slug for step in steps_for(answers)]
    )


def test_start_or_resume_returns_the_one_draft_of_a_patient() -> None:
    patient = UserFactory()
    first = services.start_or_resume_intake(patient=patient)
    again = services.start_or_resume_intake(patient=patient)
    assert first.pk == again.pk
    assert Intake.objects.filter(patient=patient).count() == 1


def test_start_gives_each_patient_their_own_draft() -> None:
    mine = services.start_or_resume_intake(patient=UserFactory())
    theirs = services.start_or_resume_intake(patient=UserFactory())
    assert mine.pk != theirs.pk


def test_save_step_merges_the_page_answers_into_the_earlier_ones_and_marks_it_done() -> None:
    intake = Intake.objects.create(patient=UserFactory(), answers={"first_name": "Alex"})
    saved = save(intake, "questionnaires")
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.answers["first_name"] == "Alex"
    assert stored.answers["phq9_items"] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert stored.completed_steps == ["questionnaires"] == saved.completed_steps


def test_save_step_clears_answers_that_no_longer_apply() -> None:
    intake = complete_draft(UserFactory())
    save(intake, "about-you", can_become_pregnant="no")
    answers = Intake.objects.get(pk=intake.pk).answers
    assert "pregnancy_status" not in answers
    assert answers["breastfeeding"] == "no"


def test_pregnancy_questions_cleared_by_a_no_are_asked_again_when_the_answer_changes_back() -> None:
    patient = UserFactory()
    intake = complete_draft(patient)
    save(intake, "about-you", can_become_pregnant="no")
    intake = save(Intake.objects.get(pk=intake.pk), "about-you", can_become_pregnant="unsure")
    with pytest.raises(services.IncompleteIntake) as refused:
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    assert [step.slug for step in refused.value.missing] == ["pregnancy"]
    save(Intake.objects.get(pk=intake.pk), "pregnancy", pregnancy_status="pregnant")
    submitted = services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    assert submitted.document["pregnancy_status"] == "pregnant"
    assert submitted.screening_results.get().outcome == "BLOCKED"


def test_saving_a_step_twice_lists_it_once() -> None:
    intake = Intake.objects.create(patient=UserFactory())
    save(intake, "why-care")
    save(Intake.objects.get(pk=intake.pk), "why-care")
    assert Intake.objects.get(pk=intake.pk).completed_steps == ["why-care"]


def test_bad_input_changes_nothing_that_is_stored() -> None:
    intake = complete_draft(UserFactory())
    before = Intake.objects.get(pk=intake.pk)
    with pytest.raises(ValidationError):
        save(intake, "heart", bp_systolic="9999")
    after = Intake.objects.get(pk=intake.pk)
    assert (after.answers, after.completed_steps, after.updated_at) == (
        before.answers, before.completed_steps, before.updated_at,
    )


def test_a_submitted_intake_refuses_new_answers() -> None:
    intake = complete_draft(UserFactory())
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.SUBMITTED, submitted_at=NOON_ON_TODAY)
    with pytest.raises(services.IntakeNotEditable):
        save(intake, "about-you", first_name="Changed")
    assert Intake.objects.get(pk=intake.pk).answers["first_name"] == "Alex"


def test_crisis_shown_at_is_recorded_the_first_time_item_9_is_positive_and_kept_after() -> None:
    intake = Intake.objects.create(patient=UserFactory())
    with time_machine.travel(NOON_ON_TODAY, tick=False):
        intake = save(intake, "questionnaires", phq9_9="2")
    assert intake.crisis_shown_at == NOON_ON_TODAY
    intake = save(intake, "questionnaires", phq9_9="0")
    assert Intake.objects.get(pk=intake.pk).crisis_shown_at == NOON_ON_TODAY


def test_no_crisis_time_is_recorded_without_a_risk_answer() -> None:
    intake = save(Intake.objects.create(patient=UserFactory()), "questionnaires")
    assert intake.crisis_shown_at is None


@time_machine.travel(NOON_ON_TODAY, tick=False)
def test_submit_freezes_screens_signs_and_sends_one_email() -> None:
    patient = UserFactory(first_name="Alex")
    intake = complete_draft(patient)
    sent = services.submit_intake(intake_id=intake.pk, patient=patient, signature="  Alex Rivera ")
    stored = Intake.objects.get(pk=intake.pk)
    assert stored.status == Intake.Status.SUBMITTED == sent.status
    assert stored.document["intake_date"] == TODAY.isoformat()
    assert stored.document["phq9_items"] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert (stored.consent_signature, stored.consent_signed_at) == ("Alex Rivera", NOON_ON_TODAY)
    assert stored.submitted_at == NOON_ON_TODAY
    assert ScreeningResult.objects.get(intake=intake, is_current=True).outcome == "ELIGIBLE"
    change = IntakeStatusChange.objects.get(intake=intake)
    assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", patient)
    assert Message.objects.get(kind="intake-submitted").recipient == patient.email


@time_machine.travel(NOON_ON_TODAY, tick=False)
def test_the_confirmation_email_has_the_first_name_and_a_link_and_no_health_information() -> None:
    patient = UserFactory(first_name="Alex")
    intake = complete_draft(patient, medications=[{"name": "Sertraline", "dose": "50 mg", "frequency": None}])
    services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    body = Message.objects.get(kind="intake-submitted").body
    assert "Hello Alex" in body
    assert "http://" in body or "https://" in body
    for health_word in ("Sertraline", "depression", "ELIGIBLE", "Rivera", "1985", "blood pressure"):
        assert health_word.lower() not in body.lower()


@time_machine.travel(NOON_ON_TODAY, tick=False)
def test_the_confirmation_email_writes_a_name_with_an_apostrophe_as_typed() -> None:
    patient = UserFactory(first_name="Siobhán O'Neil")
    services.submit_intake(intake_id=complete_draft(patient).pk, patient=patient, signature="S O'Neil")
    assert "Hello Siobhán O'Neil," in Message.objects.get(kind="intake-submitted").body


@time_machine.travel(NOON_ON_TODAY, tick=False)
def test_a_second_submit_returns_the_intake_unchanged_with_no_second_screening_or_email() -> None:
    patient = UserFactory()
    intake = complete_draft(patient)
    first = services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    with time_machine.travel(NOON_ON_TODAY.replace(hour=17), tick=False):
        again = services.submit_intake(intake_id=intake.pk, patient=patient, signature="Someone Else")
    assert (again.submitted_at, again.consent_signature) == (first.submitted_at, "Alex Rivera")
    assert ScreeningResult.objects.filter(intake=intake).count() == 1
    assert IntakeStatusChange.objects.filter(intake=intake).count() == 1
    assert Message.objects.filter(kind="intake-submitted").count() == 1


def test_submitting_an_incomplete_intake_fails_cleanly_and_names_what_is_missing() -> None:
    patient = UserFactory()
    done = ["about-you", "why-care"]
    intake = Intake.objects.create(patient=patient, answers=complete_answers(), completed_steps=done)
    with pytest.raises(services.IncompleteIntake) as refused:
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    assert [step.slug for step in refused.value.missing][:2] == ["questionnaires", "suicide-screen"]
    stored = Intake.objects.get(pk=intake.pk)
    assert (stored.status, stored.document, stored.submitted_at) == ("draft", None, None)
    assert not Message.objects.exists()
    assert not ScreeningResult.objects.exists()


def test_a_draft_is_screened_for_the_first_time_so_a_stray_current_result_stops_its_send() -> None:
    # Submitting looks for no earlier result: a draft is never screened, and the database would refuse
    # a second current result rather than keep two.
    patient = UserFactory()
    intake = complete_draft(patient)
    ScreeningResult.objects.create(intake=intake, ruleset_version="0", outcome="ELIGIBLE", reason="submitted")
    with pytest.raises(IntegrityError):
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    assert Intake.objects.get(pk=intake.pk).status == "draft"
    assert ScreeningResult.objects.filter(intake=intake).count() == 1


def test_an_invalid_document_is_refused_and_nothing_is_stored() -> None:
    patient = UserFactory()
    intake = complete_draft(patient, bp_systolic=999)
    with pytest.raises(InvalidDocument):
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    stored = Intake.objects.get(pk=intake.pk)
    assert (stored.status, stored.document, stored.consent_signature) == ("draft", None, "")


@time_machine.travel(NOON_ON_TODAY, tick=False)
def test_submit_is_one_transaction_a_failure_at_the_last_write_leaves_a_draft(monkeypatch: object) -> None:
    # The outbox cannot be made to fail for real, so its write is replaced by one that raises.
    def outbox_down(**kwargs: object) -> None:
        raise RuntimeError("outbox table unavailable")

    monkeypatch.setattr(services, "enqueue_email", outbox_down)
    patient = UserFactory()
    intake = complete_draft(patient)
    with pytest.raises(RuntimeError):
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    stored = Intake.objects.get(pk=intake.pk)
    assert (stored.status, stored.document, stored.submitted_at) == ("draft", None, None)
    assert not ScreeningResult.objects.exists()
    assert not IntakeStatusChange.objects.exists()


def test_another_patient_cannot_submit_someone_elses_intake() -> None:
    intake = complete_draft(UserFactory())
    with pytest.raises(Intake.DoesNotExist):
        services.submit_intake(intake_id=intake.pk, patient=UserFactory(), signature="Mallory")
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.DRAFT


def test_an_empty_signature_is_refused() -> None:
    patient = UserFactory()
    intake = complete_draft(patient)
    with pytest.raises(ValidationError):
        services.submit_intake(intake_id=intake.pk, patient=patient, signature="   ")
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.DRAFT


def test_no_new_draft_starts_while_a_sent_intake_is_still_open() -> None:
    patient = UserFactory()
    complete_draft(patient)
    Intake.objects.filter(patient=patient).update(status="in_review", submitted_at=NOON_ON_TODAY)
    with pytest.raises(services.IntakeAlreadyOpen):
        services.start_or_resume_intake(patient=patient)
    assert Intake.objects.filter(patient=patient).count() == 1


def test_a_declined_intake_does_not_stop_the_patient_starting_again() -> None:
    patient = UserFactory()
    Intake.objects.create(patient=patient, status="declined", submitted_at=NOON_ON_TODAY)
    assert services.start_or_resume_intake(patient=patient).status == Intake.Status.DRAFT


def test_an_unsaved_page_is_kept_for_a_draft_and_refused_for_a_sent_intake() -> None:
    intake = Intake.objects.create(patient=UserFactory())
    typed = {"first_name": ["Alexandra"]}
    kept = services.keep_unsaved_page(intake=intake, step=get_step("about-you"), typed=typed)
    assert kept.unsaved_pages == {"about-you": typed} and kept.answers == {}
    Intake.objects.filter(pk=intake.pk).update(status="submitted", submitted_at=NOON_ON_TODAY)
    with pytest.raises(services.IntakeNotEditable):
        services.keep_unsaved_page(intake=intake, step=get_step("why-care"), typed=typed)


def test_an_oversized_unsaved_page_is_refused_and_nothing_is_stored() -> None:
    intake = Intake.objects.create(patient=UserFactory())
    with pytest.raises(ValidationError):
        services.keep_unsaved_page(intake=intake, step=get_step("why-care"), typed={"x": ["y" * 60_000]})
    assert Intake.objects.get(pk=intake.pk).unsaved_pages == {}


def test_an_unsaved_page_with_nul_characters_is_kept_without_them() -> None:
    # PostgreSQL refuses NUL inside JSON: keeping the raw text was a server error that lost the page.
    intake = Intake.objects.create(patient=UserFactory())
    typed = {"first\0_name": ["Alex\0andra", "\0"]}
    services.keep_unsaved_page(intake=intake, step=get_step("about-you"), typed=typed)
    assert Intake.objects.get(pk=intake.pk).unsaved_pages == {"about-you": {"first_name": ["Alexandra", ""]}}


def test_submitting_forgets_pages_kept_with_errors() -> None:
    patient = UserFactory()
    intake = complete_draft(patient)
    Intake.objects.filter(pk=intake.pk).update(unsaved_pages={"why-care": {"x": ["typed"]}})
    with time_machine.travel(NOON_ON_TODAY):
        sent = services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")
    assert sent.unsaved_pages == {}


HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes", "cssrs_q4": "yes", "cssrs_q5": "no"}


def test_a_high_risk_suicide_screen_alerts_the_on_call_clinician_before_the_intake_is_sent() -> None:
    on_call = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get_or_create(singleton=True)[0].on_call.add(on_call)
    intake = save(Intake.objects.create(patient=UserFactory()), "suicide-screen", **HIGH_RISK)
    alert = CrisisAlert.objects.get(intake=intake)
    assert alert.source == "unsent_intake" and alert.result is None
    assert list(Message.objects.filter(kind__startswith="crisis").values_list("recipient", flat=True)) == [
        "oncall@clinic.test"
    ]


def test_saving_the_same_high_risk_answers_again_raises_no_second_alert() -> None:
    intake = save(Intake.objects.create(patient=UserFactory()), "suicide-screen", **HIGH_RISK)
    acknowledge_alert(alert=CrisisAlert.objects.get(), by=UserFactory(role="clinician"))
    save(intake, "suicide-screen", **HIGH_RISK)
    assert CrisisAlert.objects.filter(intake=intake).count() == 1


def test_a_low_risk_suicide_screen_raises_no_alert() -> None:
    save(Intake.objects.create(patient=UserFactory()), "suicide-screen", cssrs_q1="yes")
    assert not CrisisAlert.objects.exists()


@pytest.mark.parametrize(
    ("systolic", "diastolic", "alerted"),
    [("180", "120", False), ("181", "80", True), ("150", "121", True), ("179", "119", False)],
)
def test_saving_the_heart_page_alerts_on_call_only_for_a_reading_above_180_or_120(
    systolic: str, diastolic: str, alerted: bool
) -> None:
    on_call = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get().on_call.add(on_call)
    intake = save(Intake.objects.create(patient=UserFactory()), "heart", bp_systolic=systolic,
                  bp_diastolic=diastolic)
    assert CrisisAlert.objects.filter(intake=intake).exists() is alerted
    recipients = list(Message.objects.filter(kind="crisis-alert").values_list("recipient", flat=True))
    assert recipients == (["oncall@clinic.test"] if alerted else [])


def test_a_crisis_reading_is_alerted_once_with_its_reading_and_again_only_for_a_new_reading() -> None:
    intake = save(Intake.objects.create(patient=UserFactory()), "heart", bp_systolic="196",
                  bp_diastolic="100", bp_measured_on="2026-06-14", bp_source="home_cuff")
    alert = CrisisAlert.objects.get(intake=intake)
    assert (alert.source, alert.result) == ("unsent_intake", None)
    assert alert.reasons[0]["code"] == "CARDIO_BP_CRISIS_RANGE"
    assert alert.reasons[0]["evidence"] == {"bp_systolic": 196, "bp_diastolic": 100,
                                            "bp_measured_on": "2026-06-14", "bp_source": "home_cuff"}
    acknowledge_alert(alert=alert, by=UserFactory(role="clinician"))
    save(intake, "heart", bp_systolic="196", bp_diastolic="100", bp_measured_on="2026-06-14",
         bp_source="home_cuff")
    assert CrisisAlert.objects.filter(intake=intake).count() == 1
    save(intake, "heart", bp_systolic="204", bp_diastolic="100", bp_measured_on="2026-06-15",
         bp_source="home_cuff")
    assert CrisisAlert.objects.filter(intake=intake).count() == 2


def test_a_lower_reading_after_a_crisis_one_raises_nothing_more_and_keeps_the_alert() -> None:
    intake = Intake.objects.create(patient=UserFactory())
    save(intake, "heart", bp_systolic="196", bp_diastolic="100")
    save(intake, "heart", bp_systolic="150", bp_diastolic="95")
    alert = CrisisAlert.objects.get(intake=intake)
    assert alert.is_open and alert.reasons[0]["evidence"]["bp_systolic"] == 196


def test_a_crisis_reading_and_a_high_risk_suicide_screen_make_one_alert_that_gives_both_reasons() -> None:
    UserFactory(role="clinician")
    intake = save(Intake.objects.create(patient=UserFactory()), "suicide-screen", **HIGH_RISK)
    save(intake, "heart", bp_systolic="150", bp_diastolic="125")
    alert = CrisisAlert.objects.get(intake=intake)
    assert [reason["code"] for reason in alert.reasons] == ["SI_CSSRS_HIGH", "CARDIO_BP_CRISIS_RANGE"]
    assert Message.objects.filter(kind="crisis-alert").count() == 1


@time_machine.travel(NOON_ON_TODAY, tick=False)
@pytest.mark.parametrize(
    ("answer", "screened_name", "codes"),
    [("use", "alprazolam 1 mg", {"MED_BENZODIAZEPINE"}),
     ("keep", "Alprazolm 1 mg", {"MED_BENZODIAZEPINE", "MED_FUZZY_MATCH"})],
)
def test_the_name_the_patient_keeps_is_the_one_screened(answer: str, screened_name: str, codes: set) -> None:
    patient = UserFactory()
    intake = complete_draft(patient)
    typed = {"medications-TOTAL_FORMS": "1", "medications-0-name": "Alprazolm 1 mg",
             "medications-0-asked": "Alprazolm 1 mg", "medications-0-check_0": answer}
    save(intake, "medicines", no_medicines=False, **typed)
    services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")

    stored = Intake.objects.get(pk=intake.pk)
    assert stored.document["medications"] == [{"name": screened_name, "dose": None, "frequency": None}]
    assert stored.answers["medications"][0]["name_check"]["typed"] == "Alprazolm 1 mg"
    result = ScreeningResult.objects.get(intake=intake, is_current=True)
    assert set(result.flags.filter(code__startswith="MED_").values_list("code", flat=True)) == codes
