"""Results follow the medication dictionary: an admin's edit makes active cases outdated until checked."""

import pytest

from screening import services
from screening.models import MedicationName, ScreeningChange, ScreeningResult
from screening.services.matching import current_dictionary_version
from tests.factories import IntakeFactory
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db


def screened(*names: str, status: str = "submitted") -> object:
    meds = [{"name": name, "dose": "", "frequency": ""} for name in names]
    intake = IntakeFactory(status=status, document=make_document(medications=meds))
    services.screen_intake(intake=intake, reason="submitted")
    return intake


def add_name(name: str, classes: str) -> MedicationName:
    row = MedicationName(name=name, generic=f"{name}am", classes=classes)
    row.full_clean()
    row.save()
    return row


def current(intake: object) -> ScreeningResult:
    return intake.screening_results.get(is_current=True)


def codes(result: ScreeningResult) -> list[str]:
    return [flag.code for flag in result.flags.all()]


def test_a_result_records_the_dictionary_it_was_screened_against() -> None:
    before = current(screened("frobnicol")).dictionary_version
    assert before == current_dictionary_version()
    add_name("frobnicol", "BENZODIAZEPINE")
    assert current_dictionary_version() != before


def test_a_dictionary_edit_makes_active_intakes_outdated_but_not_closed_ones() -> None:
    active = screened("frobnicol")
    screened("frobnicol", status="declined")
    screened("frobnicol", status="consultation_booked")
    assert list(services.outdated_intakes()) == []
    add_name("frobnicol", "BENZODIAZEPINE")
    assert list(services.outdated_intakes()) == [active]


def test_a_newly_named_drug_replaces_unrecognised_with_its_class_flag() -> None:
    intake = screened("frobnicol 5 mg")
    assert codes(current(intake)) == ["MED_UNRECOGNIZED"]
    add_name("frobnicol", "BENZODIAZEPINE")

    [new] = services.rescreen_intakes(intake_ids=[intake.pk])

    assert (new.outcome, new.reason, codes(new)) == ("REVIEW", "dictionary_changed", ["MED_BENZODIAZEPINE"])
    assert new.flags.get().severity == "PRECAUTION"
    change = ScreeningChange.objects.get(intake=intake)
    assert (change.flags_added, change.flags_removed) == (["MED_BENZODIAZEPINE"], ["MED_UNRECOGNIZED"])
    assert change.reason == "dictionary_changed"


def test_deactivating_a_name_makes_the_drug_unrecognised_again() -> None:
    intake = screened("xanax")
    xanax = MedicationName.objects.get(name="xanax")
    xanax.is_active = False
    xanax.save()

    [new] = services.rescreen_intakes(intake_ids=[intake.pk])

    assert (new.reason, codes(new)) == ("dictionary_changed", ["MED_UNRECOGNIZED"])


def test_an_unchanged_verdict_is_marked_checked_without_a_new_result_or_change() -> None:
    intake = screened("zyrtec")
    add_name("frobnicol", "BENZODIAZEPINE")

    assert services.rescreen_intakes(intake_ids=[intake.pk]) == []

    assert intake.screening_results.count() == 1
    assert not ScreeningChange.objects.exists()
    assert current(intake).dictionary_version == current_dictionary_version()
    assert list(services.outdated_intakes()) == []


def test_a_new_ruleset_is_the_reason_even_when_the_dictionary_changed_too() -> None:
    intake = screened("frobnicol")
    ScreeningResult.objects.filter(intake=intake).update(ruleset_version="2025.9")
    add_name("frobnicol", "BENZODIAZEPINE")
    [new] = services.rescreen_intakes(intake_ids=[intake.pk])
    assert (new.reason, new.ruleset_version) == ("ruleset_changed", "2026.2")


def test_a_rescreen_by_hand_keeps_its_own_reason() -> None:
    intake = screened("frobnicol")
    add_name("frobnicol", "BENZODIAZEPINE")
    [new] = services.rescreen_intakes(intake_ids=[intake.pk], reason="manual")
    assert new.reason == "manual"
