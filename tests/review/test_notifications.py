"""Every email the review sends carries no health information: no flag, outcome, answer or message text."""

import pytest

from outbox.models import Message
from patients.services import resubmit_intake
from review import services
from screening.models import ClinicSettings
from tests.review.cases import NOW, clinician, flag, sent_intake

pytestmark = pytest.mark.django_db
OUTCOME_WORDS = (
    "URGENT",
    "BLOCKED",
    "REVIEW",
    "ELIGIBLE",
    "Urgent",
    "Blocked",
    "Eligible",
    "exclusion",
    "precaution",
)


def assert_no_health_information(message: Message, *, intake: object, words: tuple[str, ...] = ()) -> None:
    text = f"{message.subject}\n{message.body}"
    codes = [f.code for f in intake.screening_results.get(is_current=True).flags.all()]
    answers = ("aneurysm", "150", "blood pressure", intake.answers["last_name"], intake.answers["phone"])
    leaked = [word for word in (*codes, *OUTCOME_WORDS, *answers, *words) if word and word in text]
    assert not leaked, (message.kind, leaked)
    assert intake.patient.email.split("@")[0] not in message.body


def test_no_email_of_the_review_flow_carries_health_information() -> None:
    ClinicSettings.objects.update(notify_on_call_of_submissions=True)
    casey = clinician(email="casey@clinic.test")
    blocked = sent_intake(hx_aneurysm="yes", bp_systolic=150)
    services.override_flag(flag=flag(blocked, "CARDIO_ANEURYSM_AVM"), by=casey, reason="other", note="n")
    services.decline_case(
        intake=blocked,
        by=casey,
        patient_message="Private decision words",
        internal_reason="Private reason words",
    )
    asked = sent_intake(bp_systolic=150)
    services.request_more_information(
        intake=asked, by=casey, steps=["heart"], message="Private request words"
    )
    asked.refresh_from_db()
    asked.completed_steps = [*asked.completed_steps, "heart"]
    asked.save()
    resubmit_intake(intake_id=asked.pk, patient=asked.patient, signature="Alex Rivera")
    cleared = sent_intake()
    services.clear_case(
        intake=cleared, by=casey, routes=["iv_infusion"], conditions="Private condition words"
    )
    services.send_review_digest(now=NOW)

    kinds = set(Message.objects.values_list("kind", flat=True))
    assert {
        "intake-update",
        "intake-resubmitted",
        "intake-resubmitted-staff",
        "intake-submitted-staff",
    } <= kinds
    private = ("Private", "IV infusion", "iv_infusion")
    for message in Message.objects.all():
        intake = next((i for i in (blocked, asked, cleared) if i.patient.email == message.recipient), asked)
        assert_no_health_information(message, intake=intake, words=private)
