"""The patient's side of the more-information loop: reopened steps only, then sending again."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from outbox.models import Message
from patients import services
from patients.models import Intake, PatientMessage
from patients.steps import get_step, steps_for
from screening.models import ClinicSettings
from tests.factories import UserFactory
from tests.patients.answers import complete_answers, step_data
from tests.review.cases import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clinician() -> object:
    return UserFactory(role="clinician", email="casey@clinic.test")


def sent(patient: object = None, **answers: object) -> Intake:
    patient = patient or UserFactory()
    filled = complete_answers(**answers)
    draft = Intake.objects.create(
        patient=patient, answers=filled, completed_steps=[step.slug for step in steps_for(filled)]
    )
    return services.submit_intake(intake_id=draft.pk, patient=patient, signature="Alex Rivera")


def reopen(intake: Intake, clinician: object, steps: list[str] = ("heart",)) -> Intake:
    return services.reopen_for_more_information(
        intake=intake, steps=list(steps), message="Please check.", by=clinician
    )


def save(intake: Intake, slug: str, **overrides: object) -> Intake:
    step = get_step(slug)
    form = step.form_class(step_data(slug, intake.answers, **overrides), answers=intake.answers)
    return services.save_step(intake=Intake.objects.get(pk=intake.pk), step=step, form=form)


def resend(intake: Intake) -> Intake:
    return services.resubmit_intake(intake_id=intake.pk, patient=intake.patient, signature="Alex Rivera")


def test_reopening_lets_the_patient_change_only_those_steps(clinician: object) -> None:
    intake = reopen(sent(), clinician)
    assert intake.status == Intake.Status.MORE_INFO_REQUESTED
    assert save(intake, "heart", bp_systolic="150").answers["bp_systolic"] == 150
    with pytest.raises(services.IntakeNotEditable):
        save(intake, "about-you", first_name="Changed")
    with pytest.raises(services.IntakeNotEditable):
        services.keep_unsaved_page(intake=intake, step=get_step("about-you"), typed={"first_name": ["X"]})
    assert Intake.objects.get(pk=intake.pk).answers["first_name"] == "Alex"


def test_only_a_clinician_reopens_an_intake() -> None:
    with pytest.raises(PermissionDenied):
        reopen(sent(), UserFactory(role="admin"))


def test_sending_again_needs_every_reopened_step_saved(clinician: object) -> None:
    intake = reopen(sent(), clinician, steps=["heart", "medicines"])
    save(intake, "heart")
    with pytest.raises(services.IncompleteIntake) as refused:
        resend(intake)
    assert [step.slug for step in refused.value.missing] == ["medicines"]


def test_a_step_that_a_changed_answer_makes_apply_is_reopened_too(clinician: object) -> None:
    intake = reopen(sent(can_become_pregnant="no"), clinician, steps=["about-you"])
    intake = save(intake, "about-you", can_become_pregnant="yes")
    assert intake.reopened_steps == ["about-you", "pregnancy"]
    with pytest.raises(services.IncompleteIntake):
        resend(intake)
    save(intake, "pregnancy")
    assert resend(intake).status == Intake.Status.SUBMITTED


def test_sending_again_re_screens_records_the_changed_answers_and_returns_the_case(
    clinician: object, clock: object
) -> None:
    intake = reopen(sent(), clinician)
    clock.shift(timedelta(days=1))
    save(intake, "heart", bp_systolic="150")
    again = resend(intake)
    assert again.status == Intake.Status.SUBMITTED
    assert again.changed_answers == ["bp_systolic"]
    assert (again.reopened_steps, again.answers_at_request) == ([], {})
    assert again.document["bp_systolic"] == 150 and again.submitted_at == NOW + timedelta(days=1)
    result = again.screening_results.get(is_current=True)
    assert (result.reason, result.outcome, again.current_outcome) == ("answers_changed", "REVIEW", "REVIEW")
    change = again.status_changes.last()
    assert (change.from_status, change.to_status, change.by) == (
        "more_info_requested",
        "submitted",
        again.patient,
    )


def test_sending_again_tells_the_patient_and_the_clinician_who_asked_without_health_information(
    clinician: object,
) -> None:
    intake = reopen(sent(), clinician)
    save(intake, "heart", bp_systolic="150")
    resend(intake)
    to_clinician = Message.objects.get(kind="intake-resubmitted-staff")
    assert to_clinician.recipient == "casey@clinic.test"
    assert f"number {intake.pk}" in to_clinician.body
    to_patient = Message.objects.get(kind="intake-resubmitted")
    assert to_patient.recipient == intake.patient.email
    for message in (to_clinician, to_patient):
        for secret in (
            "CARDIO",
            "REVIEW",
            "150",
            "blood",
            "Alex",
            "Rivera",
            intake.patient.email.split("@")[0],
        ):
            assert secret not in message.body + message.subject


def test_sending_again_twice_changes_nothing_the_second_time(clinician: object) -> None:
    intake = reopen(sent(), clinician)
    save(intake, "heart")
    resend(intake)
    again = resend(intake)
    assert again.status == Intake.Status.SUBMITTED
    assert again.screening_results.count() == 2
    assert Message.objects.filter(kind="intake-resubmitted").count() == 1


def test_a_message_to_the_patient_is_shown_to_them_and_emailed_without_its_text(clinician: object) -> None:
    intake = sent()
    message = services.post_patient_message(
        intake=intake, kind="decision", body=" We cannot help. ", by=clinician
    )
    assert PatientMessage.objects.get() == message and message.body == "We cannot help."
    email = Message.objects.get(kind="intake-update")
    assert "cannot help" not in email.body and "/intake/" in email.body


def test_every_new_intake_emails_the_on_call_clinician_when_the_clinic_asks_for_it(clinician: object) -> None:
    sent()
    assert not Message.objects.filter(kind="intake-submitted-staff").exists()
    settings_row = ClinicSettings.objects.get()
    settings_row.notify_on_call_of_submissions = True
    settings_row.save()
    settings_row.on_call.add(clinician)
    UserFactory(role="clinician", email="off-duty@clinic.test")
    intake = sent(bp_systolic=150)
    email = Message.objects.get(kind="intake-submitted-staff")
    assert email.recipient == "casey@clinic.test"
    assert f"number {intake.pk}" in email.body and "150" not in email.body and "CARDIO" not in email.body


def test_with_nobody_on_call_every_clinician_is_told_of_a_new_intake() -> None:
    ClinicSettings.objects.update(notify_on_call_of_submissions=True)
    UserFactory(role="clinician", email="a@clinic.test")
    UserFactory(role="clinician", email="b@clinic.test")
    UserFactory(role="admin", email="admin@clinic.test")
    sent()
    recipients = Message.objects.filter(kind="intake-submitted-staff").values_list("recipient", flat=True)
    assert sorted(recipients) == ["a@clinic.test", "b@clinic.test"]
