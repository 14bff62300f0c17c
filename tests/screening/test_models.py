from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from screening.models import ClinicSettings, CrisisAlert, MedicationName, ScreeningFlag, ScreeningResult
from screening.models.clinic import DEFAULT_CRISIS_TEXT
from tests.factories import IntakeFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_result(intake: object, **fields: object) -> ScreeningResult:
    values = {"ruleset_version": "2026.1", "outcome": "REVIEW", "reason": "submitted"} | fields
    return ScreeningResult.objects.create(intake=intake, **values)


def test_the_seed_dictionary_is_loaded_by_the_data_migration() -> None:
    assert MedicationName.objects.count() == 304
    xanax_xr = MedicationName.objects.get(name="xanax xr")
    assert (xanax_xr.generic, xanax_xr.evidence) == ("alprazolam", "P")
    assert xanax_xr.class_set == {"BENZODIAZEPINE"}
    assert MedicationName.objects.get(name="fiorinal with codeine").class_set == {"BARBITURATE", "OPIOID"}


def test_a_medication_name_is_stored_as_the_matcher_normalises_it() -> None:
    name = MedicationName(name="  Theo-Dur®  ", generic="theophylline", classes=" methylxanthine | NONE ")
    name.full_clean()
    assert (name.name, name.classes) == ("theo dur", "METHYLXANTHINE|NONE")


def test_an_unknown_drug_class_is_refused_with_the_known_ones_listed() -> None:
    name = MedicationName(name="frobnicol", generic="frobnicol", classes="BENZODIAZAPINE")
    with pytest.raises(ValidationError) as caught:
        name.full_clean()
    message = caught.value.message_dict["classes"][0]
    assert "Unknown class BENZODIAZAPINE" in message
    assert "BENZODIAZEPINE" in message


def test_a_name_that_normalises_to_nothing_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        MedicationName(name=" ® ", generic="x", classes="NONE").full_clean()
    assert "name" in caught.value.message_dict


def test_an_intake_can_have_only_one_current_result() -> None:
    intake = IntakeFactory()
    make_result(intake)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_result(intake)
    make_result(intake, is_current=False)
    assert intake.screening_results.count() == 2


def test_an_overridden_flag_needs_a_reviewer_a_reason_from_the_list_and_a_note() -> None:
    result = make_result(IntakeFactory())
    clinician = UserFactory(role="clinician")
    flag = {"result": result, "code": "CARDIO_ANEURYSM_AVM", "severity": "EXCLUSION", "rationale": "r"}
    reviewed = {"review_state": "overridden", "reviewed_by": clinician, "reviewed_at": timezone.now()}
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**flag, **reviewed, override_reason="condition_resolved")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**flag, **reviewed, review_reason="Repaired in 2019")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**flag, review_state="acknowledged")
    ScreeningFlag.objects.create(**flag, **reviewed, review_reason="Repaired in 2019",
                                 override_reason="condition_resolved")


def test_a_co_signature_is_a_second_clinicians_on_an_override() -> None:
    result = make_result(IntakeFactory())
    first, second = UserFactory(role="clinician"), UserFactory(role="clinician")
    flag = {"result": result, "code": "CARDIO_ANEURYSM_AVM", "severity": "EXCLUSION", "rationale": "r",
            "review_state": "overridden", "reviewed_by": first, "reviewed_at": timezone.now(),
            "review_reason": "Repaired", "override_reason": "condition_resolved"}
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**flag, cosigned_by=first, cosigned_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**flag, cosigned_by=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningFlag.objects.create(**{**flag, "review_state": "open", "reviewed_by": None,
                                        "reviewed_at": None, "override_reason": "", "review_reason": ""},
                                     cosigned_by=second, cosigned_at=timezone.now())
    ScreeningFlag.objects.create(**flag, cosigned_by=second, cosigned_at=timezone.now())


def test_an_intake_has_at_most_one_open_crisis_alert() -> None:
    intake = IntakeFactory()
    result = make_result(intake, outcome="URGENT")
    CrisisAlert.objects.create(intake=intake, result=result)
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisAlert.objects.create(intake=intake, result=result)


def test_acknowledging_records_who_and_when_and_the_time_it_took() -> None:
    intake = IntakeFactory()
    alert = CrisisAlert.objects.create(intake=intake, result=make_result(intake, outcome="URGENT"))
    clinician = UserFactory(role="clinician")
    alert.set_status("acknowledged", by=clinician, at=alert.raised_at + timedelta(minutes=7))
    alert.save()
    alert.refresh_from_db()
    assert alert.acknowledged_by == clinician
    assert alert.time_to_acknowledge == timedelta(minutes=7)


def test_an_acknowledged_alert_cannot_be_acknowledged_again() -> None:
    intake = IntakeFactory()
    alert = CrisisAlert(intake=intake, result=make_result(intake), status="acknowledged")
    with pytest.raises(ValidationError, match="already acknowledged"):
        alert.set_status("acknowledged", by=UserFactory(role="clinician"), at=timezone.now())


def test_an_acknowledged_alert_without_who_is_refused_by_the_database() -> None:
    intake = IntakeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisAlert.objects.create(intake=intake, result=make_result(intake), status="acknowledged")


def test_only_an_alert_from_an_unsent_intake_may_lack_a_screening_result() -> None:
    draft = IntakeFactory(status="draft", document=None, submitted_at=None)
    CrisisAlert.objects.create(intake=draft, source="unsent_intake")
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisAlert.objects.create(intake=IntakeFactory(), source="screening")


def test_an_open_alert_has_no_time_to_acknowledge() -> None:
    assert CrisisAlert(raised_at=timezone.now()).time_to_acknowledge is None


def test_clinic_settings_exist_once_with_the_specification_defaults() -> None:
    clinic_settings = ClinicSettings.objects.get()
    assert clinic_settings.crisis_text == DEFAULT_CRISIS_TEXT
    assert "call or text 988" in clinic_settings.crisis_text
    assert clinic_settings.alert_ack_minutes == 15
    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicSettings.objects.create()
