"""The intake document built from stored answers: every spec field, valid, branching applied."""

import re
from datetime import date

from patients.document import build_document
from screening.document import FIELD_NAMES, validate_document
from tests.patients.answers import TODAY, complete_answers
from tests.screening.documents import BASELINE
from tests.services import clinical_spec


def spec_field_names() -> set[str]:
    """The field names in the first column of the table in intake-fields.md."""
    lines = clinical_spec("intake-fields.md").read_text().splitlines()
    rows = [line for line in lines if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([a-z0-9_]+)`", row.split("|")[1])}


def test_complete_answers_give_a_valid_document_with_exactly_the_spec_fields() -> None:
    document = build_document(complete_answers(), TODAY)
    assert set(document) == set(FIELD_NAMES)
    assert validate_document(document) == []


def test_the_document_keys_are_the_fields_named_in_intake_fields_md() -> None:
    assert set(build_document(complete_answers(), TODAY)) == spec_field_names()


def test_the_baseline_answers_build_the_baseline_test_document() -> None:
    assert build_document(complete_answers(), date(2026, 6, 15)) == BASELINE


def test_extra_answers_such_as_names_and_consent_stay_out_of_the_document() -> None:
    document = build_document(complete_answers(prior_ketamine_adverse_reaction="yes",
                                               prior_ketamine_reaction_details="I panicked"), TODAY)
    assert "first_name" not in document
    assert "consent_signature" not in document
    assert "prior_ketamine_reaction_details" not in document
    assert document["prior_ketamine_adverse_reaction"] == "yes"


def test_someone_who_cannot_become_pregnant_has_not_applicable_pregnancy_fields() -> None:
    answers = complete_answers(can_become_pregnant="no", sex_assigned_at_birth="male", breastfeeding="no")
    del answers["pregnancy_status"], answers["planning_pregnancy_12mo"]
    document = build_document(answers, TODAY)
    assert document["pregnancy_status"] == "not_applicable"
    assert document["planning_pregnancy_12mo"] == "not_applicable"
    assert document["breastfeeding"] == "no"
    assert validate_document(document) == []


def test_stale_pregnancy_answers_give_way_to_not_applicable() -> None:
    document = build_document(complete_answers(can_become_pregnant="no", pregnancy_status="pregnant"), TODAY)
    assert document["pregnancy_status"] == "not_applicable"


def test_cssrs_follow_ups_are_null_when_not_asked_even_if_old_answers_remain() -> None:
    answers = complete_answers(cssrs_q2="no", cssrs_q3="yes", cssrs_q6="no", cssrs_q6_past_3_months="yes")
    document = build_document(answers, TODAY)
    assert [document[name] for name in ("cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_past_3_months")] == [
        None, None, None, None,
    ]


def test_cssrs_follow_ups_are_copied_when_asked() -> None:
    answers = complete_answers(cssrs_q1="yes", cssrs_q2="yes", cssrs_q3="yes", cssrs_q4="no", cssrs_q5="no",
                               cssrs_q6="yes", cssrs_q6_past_3_months="no")
    document = build_document(answers, TODAY)
    asked = ("cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_past_3_months")
    assert [document[name] for name in asked] == ["yes", "no", "no", "no"]
    assert validate_document(document) == []


def test_no_blood_pressure_reading_gives_null_reading_fields() -> None:
    document = build_document(complete_answers(has_bp_reading="no"), TODAY)
    assert [document[name] for name in ("bp_systolic", "bp_diastolic", "bp_measured_on", "bp_source")] == [
        None, None, None, None,
    ]
    assert validate_document(document) == []


def test_dates_after_a_yes_are_kept_and_the_intake_date_is_the_one_given() -> None:
    answers = complete_answers(hx_ischemic_stroke_or_tia="yes", stroke_tia_most_recent_date="2025-02-28",
                               hx_coronary_revascularization="yes", acs_most_recent_date="2023-10-31")
    document = build_document(answers, date(2026, 7, 1))
    assert document["intake_date"] == "2026-07-01"
    assert document["stroke_tia_most_recent_date"] == "2025-02-28"
    assert document["acs_most_recent_date"] == "2023-10-31"


def test_medications_keep_the_typed_name_and_blank_dose_or_frequency_become_null() -> None:
    rows = [{"name": "Sertraline", "dose": "50 mg", "frequency": ""}, {"name": "Ibuprofen", "dose": None}]
    document = build_document(complete_answers(medications=rows), TODAY)
    assert document["medications"] == [
        {"name": "Sertraline", "dose": "50 mg", "frequency": None},
        {"name": "Ibuprofen", "dose": None, "frequency": None},
    ]
    assert validate_document(document) == []


def test_how_a_medicine_name_was_confirmed_stays_out_of_the_document() -> None:
    question = {"word": "sertrline", "suggestion": "sertraline", "answer": "use"}
    check = {"typed": "Sertrline", "questions": [question]}
    rows = [{"name": "sertraline", "dose": None, "frequency": None, "name_check": check}]
    document = build_document(complete_answers(medications=rows), TODAY)
    assert document["medications"] == [{"name": "sertraline", "dose": None, "frequency": None}]
    assert validate_document(document) == []


def test_missing_answers_give_a_document_that_validation_refuses_field_by_field() -> None:
    answers = complete_answers()
    del answers["hx_avm"], answers["gad7_items"]
    errors = {error.field for error in validate_document(build_document(answers, TODAY))}
    assert errors == {"hx_avm"}
    assert build_document(answers, TODAY)["gad7_items"] == [None] * 7


def test_building_does_not_change_the_answers() -> None:
    answers = complete_answers(can_become_pregnant="no")
    build_document(answers, TODAY)
    assert answers == complete_answers(can_become_pregnant="no")
