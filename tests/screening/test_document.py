"""The intake document validator: every problem reported, each under its own field."""

import re

import pytest

from screening.document import (
    ENUMS,
    FIELD_NAMES,
    FieldError,
    InvalidDocument,
    check_document,
    validate_document,
)
from tests.screening.documents import BASELINE, make_document
from tests.services import clinical_spec

EXPECTED_FIELD_NAMES = {
    "intake_date", "date_of_birth", "sex_assigned_at_birth", "can_become_pregnant", "primary_indication",
    "bp_systolic", "bp_diastolic", "bp_measured_on", "bp_source", "hx_aneurysm", "hx_avm",
    "hx_intracerebral_hemorrhage", "hx_ischemic_stroke_or_tia", "stroke_tia_most_recent_date", "hx_mi",
    "hx_unstable_angina", "hx_coronary_revascularization", "acs_most_recent_date", "other_cv_conditions",
    "hypertension_status", "hx_hypertensive_encephalopathy", "hyperthyroidism_status",
    "raised_icp_mass_shunt_or_recent_tbi", "glaucoma_status", "eye_injury_or_planned_eye_surgery",
    "seizure_disorder", "dementia_or_cognitive_impairment", "liver_disease", "bladder_condition",
    "respiratory_conditions", "allergy_ketamine_esketamine", "prior_ketamine_adverse_reaction",
    "psychotic_symptoms_past_30d", "psychotic_disorder_dx_lifetime", "psychotic_episode_ever",
    "family_hx_psychosis_first_degree", "bipolar_dx", "mania_hypomania_current", "mania_hypomania_ever",
    "ptsd_dx", "sud_status", "substances_past_12mo", "substances_past_30d", "ketamine_or_pcp_nonmedical_ever",
    "alcohol_can_abstain_24h", "medications", "phq9_items", "phq9_difficulty", "gad7_items", "cssrs_q1",
    "cssrs_q2", "cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6", "cssrs_q6_past_3_months", "pregnancy_status",
    "breastfeeding", "planning_pregnancy_12mo", "has_escort_transport",
}  # fmt: skip


NOT_GIVEN = {"dose": None, "frequency": None}


def messages(document: object) -> list[str]:
    return [error.message for error in validate_document(document)]


def test_the_baseline_document_is_valid() -> None:
    assert validate_document(BASELINE) == []
    check_document(BASELINE)


def test_field_names_are_exactly_the_documented_fields() -> None:
    assert set(FIELD_NAMES) == EXPECTED_FIELD_NAMES
    assert len(FIELD_NAMES) == len(EXPECTED_FIELD_NAMES) == 60
    assert set(BASELINE) == EXPECTED_FIELD_NAMES


def test_field_names_match_the_table_of_intake_fields_md() -> None:
    lines = clinical_spec("intake-fields.md").read_text().splitlines()
    rows = [line for line in lines if line.startswith("| `")]
    first_cells = [row.split("|")[1] for row in rows]
    documented = {name for cell in first_cells for name in re.findall(r"`([a-z0-9_]+)`", cell)}
    assert set(FIELD_NAMES) == documented


def test_enums_list_the_allowed_values_of_every_enum_and_list_field() -> None:
    assert ENUMS["hx_aneurysm"] == ("yes", "no", "unsure")
    assert ENUMS["ptsd_dx"] == ("yes", "no")
    assert ENUMS["pregnancy_status"] == ("not_pregnant", "pregnant", "unsure", "not_applicable")
    assert ENUMS["substances_past_12mo"] == ENUMS["substances_past_30d"]
    assert {"ketamine", "pcp", "illicit_amphetamine", "other"} <= set(ENUMS["substances_past_12mo"])
    assert len(ENUMS) == 50
    assert not {"intake_date", "bp_systolic", "phq9_items", "medications"} & set(ENUMS)


@pytest.mark.parametrize("document", [[], "{}", None, 42, [BASELINE]])
def test_a_document_that_is_not_an_object_is_refused_as_a_whole(document: object) -> None:
    errors = validate_document(document)
    assert len(errors) == 1
    assert errors[0].field == ""
    assert errors[0].message.startswith("intake document: must be a JSON object, got ")


def test_a_missing_key_is_named() -> None:
    document = make_document()
    del document["hx_mi"]
    missing = FieldError("hx_mi", "hx_mi: missing (every field must be present)")
    assert validate_document(document) == [missing]


def test_an_optional_date_must_still_be_present_as_null() -> None:
    document = make_document()
    del document["acs_most_recent_date"]
    assert [error.field for error in validate_document(document)] == ["acs_most_recent_date"]


@pytest.mark.parametrize("can_become_pregnant", ["yes", "unsure"])
def test_pregnancy_answers_of_someone_who_could_be_pregnant_cannot_be_not_applicable(
    can_become_pregnant: str,
) -> None:
    document = make_document(
        can_become_pregnant=can_become_pregnant, pregnancy_status="not_applicable",
        planning_pregnancy_12mo="not_applicable",
    )
    assert validate_document(document) == [
        FieldError(field, f'{field}: may be "not_applicable" only when can_become_pregnant is "no", '
                          f'got it with "{can_become_pregnant}"')
        for field in ("pregnancy_status", "planning_pregnancy_12mo")
    ]


def test_pregnancy_answers_are_not_applicable_for_someone_who_cannot_become_pregnant() -> None:
    document = make_document(
        can_become_pregnant="no", pregnancy_status="not_applicable", planning_pregnancy_12mo="not_applicable"
    )
    assert validate_document(document) == []


def test_an_unknown_key_is_named() -> None:
    errors = validate_document(make_document(favourite_colour="blue"))
    assert errors == [FieldError("favourite_colour", "favourite_colour: unknown field")]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hx_aneurysm", "maybe", 'hx_aneurysm: must be one of yes, no, unsure, got "maybe"'),
        ("hx_aneurysm", "Yes", 'hx_aneurysm: must be one of yes, no, unsure, got "Yes"'),
        ("hx_aneurysm", None, "hx_aneurysm: must be one of yes, no, unsure, got null"),
        ("hx_aneurysm", True, "hx_aneurysm: must be one of yes, no, unsure, got true"),
        ("ptsd_dx", "unsure", 'ptsd_dx: must be one of yes, no, got "unsure"'),
        ("cssrs_q1", "maybe", 'cssrs_q1: must be one of yes, no or null, got "maybe"'),
        ("cssrs_q3", "unsure", 'cssrs_q3: must be one of yes, no or null, got "unsure"'),
        ("pregnancy_status", None, "pregnancy_status: must be one of not_pregnant, pregnant, unsure, "
         "not_applicable, got null"),
        ("sud_status", ["none"], 'sud_status: must be one of none, past_in_remission, current, got ["none"]'),
    ],
)  # fmt: skip
def test_an_enum_value_outside_its_set_is_refused(field: str, value: object, message: str) -> None:
    assert validate_document(make_document(**{field: value})) == [FieldError(field, message)]


@pytest.mark.parametrize(
    "field",
    ["cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_past_3_months"],
)
def test_null_is_accepted_where_the_question_may_not_have_been_asked(field: str) -> None:
    assert validate_document(make_document(**{field: None})) == []


NO_READING = {"bp_systolic": None, "bp_diastolic": None, "bp_measured_on": None}


def test_a_reading_left_out_entirely_is_valid() -> None:
    assert validate_document(make_document(**NO_READING, bp_source=None)) == []


@pytest.mark.parametrize("source", ["clinic", "pharmacy_kiosk", "home_cuff", "recalled"])
def test_a_source_without_a_reading_is_refused(source: str) -> None:
    message = (
        "bp_source: must be null when there is no reading (bp_systolic, bp_diastolic and bp_measured_on "
        f'all null), got "{source}"'
    )
    document = make_document(**NO_READING, bp_source=source)
    assert validate_document(document) == [FieldError("bp_source", message)]


@pytest.mark.parametrize(
    "reading",
    [
        {},
        {"bp_measured_on": None},
        {"bp_systolic": None, "bp_diastolic": None},
        {"bp_systolic": None, "bp_measured_on": None},
    ],
    ids=["full reading", "undated reading", "only a date", "only the diastolic"],
)
def test_a_reading_without_a_source_is_refused(reading: dict) -> None:
    message = "bp_source: must say where the reading was taken when there is one, got null"
    document = make_document(**reading, bp_source=None)
    assert validate_document(document) == [FieldError("bp_source", message)]


def test_a_partial_reading_with_its_source_is_valid() -> None:
    assert validate_document(make_document(bp_measured_on=None)) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["depression", "grief"], 'primary_indication: "grief" is not one of depression, anxiety, ptsd, '
         "chronic_pain, other"),
        (["ptsd", "ptsd"], 'primary_indication: "ptsd" is listed more than once'),
        ("depression", "primary_indication: must be a list of values from depression, anxiety, ptsd, "
         'chronic_pain, other, got "depression"'),
        (None, "primary_indication: must be a list of values from depression, anxiety, ptsd, chronic_pain, "
         "other, got null"),
        ([3], "primary_indication: 3 is not one of depression, anxiety, ptsd, chronic_pain, other"),
    ],
)  # fmt: skip
def test_a_list_field_refuses_unknown_members_duplicates_and_non_lists(value: object, message: str) -> None:
    assert messages(make_document(primary_indication=value)) == [message]


def test_every_bad_member_of_a_list_is_reported() -> None:
    errors = validate_document(make_document(substances_past_30d=["weed", "alcohol", "alcohol", "glue"]))
    assert [error.field for error in errors] == ["substances_past_30d"] * 3


@pytest.mark.parametrize(
    "value", ["2026-6-15", "15/06/2026", "2026-02-30", "2026-13-01", "2026-06-15T00:00", "20260615",
              " 2026-06-15", "２０２６-06-15", 20260615, None, ""],
)  # fmt: skip
def test_a_malformed_or_impossible_date_is_refused(value: object) -> None:
    errors = validate_document(make_document(date_of_birth=value))
    assert [error.field for error in errors] == ["date_of_birth"]
    assert errors[0].message.startswith("date_of_birth: must be a real date written YYYY-MM-DD, got ")


def test_a_leap_day_is_a_real_date() -> None:
    assert validate_document(make_document(date_of_birth="2000-02-29")) == []
    assert messages(make_document(date_of_birth="2001-02-29")) == [
        'date_of_birth: must be a real date written YYYY-MM-DD, got "2001-02-29"'
    ]


@pytest.mark.parametrize("field", ["stroke_tia_most_recent_date", "acs_most_recent_date", "bp_measured_on"])
def test_an_optional_date_accepts_null_but_not_a_malformed_value(field: str) -> None:
    assert validate_document(make_document(**{field: None})) == []
    assert messages(make_document(**{field: "June 2026"})) == [
        f'{field}: must be a real date written YYYY-MM-DD or null, got "June 2026"'
    ]


def test_an_event_date_in_the_intake_month_may_fall_after_the_intake_date() -> None:
    assert validate_document(make_document(acs_most_recent_date="2026-06-30")) == []


def test_intake_date_is_never_null() -> None:
    errors = validate_document(make_document(intake_date=None))
    assert [error.field for error in errors] == ["intake_date"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bp_systolic", 500, "bp_systolic: must be a whole number from 60 to 300, got 500"),
        ("bp_systolic", 59, "bp_systolic: must be a whole number from 60 to 300, got 59"),
        ("bp_systolic", 301, "bp_systolic: must be a whole number from 60 to 300, got 301"),
        ("bp_systolic", True, "bp_systolic: must be a whole number from 60 to 300 or null, got true"),
        ("bp_systolic", "120", 'bp_systolic: must be a whole number from 60 to 300 or null, got "120"'),
        ("bp_systolic", 120.0, "bp_systolic: must be a whole number from 60 to 300 or null, got 120.0"),
        ("bp_diastolic", 29, "bp_diastolic: must be a whole number from 30 to 200, got 29"),
        ("bp_diastolic", 201, "bp_diastolic: must be a whole number from 30 to 200, got 201"),
    ],
)
def test_a_blood_pressure_outside_its_range_or_not_a_whole_number_is_refused(
    field: str, value: object, message: str
) -> None:
    assert validate_document(make_document(**{field: value})) == [FieldError(field, message)]


@pytest.mark.parametrize(("field", "value"), [("bp_systolic", 60), ("bp_systolic", 300), ("bp_diastolic", 30),
                                              ("bp_diastolic", 200)])  # fmt: skip
def test_blood_pressure_range_ends_are_accepted(field: str, value: int) -> None:
    assert validate_document(make_document(**{field: value})) == []


def test_questionnaire_items_may_be_unanswered() -> None:
    document = make_document(phq9_items=[None] * 9, gad7_items=[0, 3, None, 0, 0, 0, 0])
    assert validate_document(document) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phq9_items", [1] * 8, "phq9_items: must hold exactly 9 answers, got 8"),
        ("phq9_items", [1] * 10, "phq9_items: must hold exactly 9 answers, got 10"),
        ("gad7_items", [1] * 9, "gad7_items: must hold exactly 7 answers, got 9"),
        ("gad7_items", None, "gad7_items: must be a list of 7 answers, got null"),
        ("phq9_items", [1] * 8 + [4], "phq9_items[8]: must be a whole number from 0 to 3 or null "
         "(unanswered), got 4"),
        ("phq9_items", [-1] + [1] * 8, "phq9_items[0]: must be a whole number from 0 to 3 or null "
         "(unanswered), got -1"),
        ("gad7_items", [1, True, 1, 1, 1, 1, 1], "gad7_items[1]: must be a whole number from 0 to 3 or null "
         "(unanswered), got true"),
        ("gad7_items", [1, 1, "2", 1, 1, 1, 1], "gad7_items[2]: must be a whole number from 0 to 3 or null "
         '(unanswered), got "2"'),
    ],
)  # fmt: skip
def test_questionnaire_items_must_be_the_right_count_of_scores_from_0_to_3(
    field: str, value: object, message: str
) -> None:
    assert validate_document(make_document(**{field: value})) == [FieldError(field, message)]


def test_a_list_of_the_wrong_length_also_reports_its_bad_items() -> None:
    assert messages(make_document(gad7_items=[5, 1])) == [
        "gad7_items: must hold exactly 7 answers, got 2",
        "gad7_items[0]: must be a whole number from 0 to 3 or null (unanswered), got 5",
    ]


def test_well_formed_medications_are_valid() -> None:
    medications = [
        {"name": "Sertraline", "dose": "50 mg", "frequency": "daily"},
        {"name": "something for sleep", "dose": None, "frequency": None},
    ]
    assert validate_document(make_document(medications=medications)) == []


@pytest.mark.parametrize(
    ("medications", "message"),
    [
        ({"name": "x"}, 'medications: must be a list of {name, dose, frequency} objects, got {"name": "x"}'),
        (None, "medications: must be a list of {name, dose, frequency} objects, got null"),
        (["Xanax"], 'medications[0]: must be an object with name, dose and frequency, got "Xanax"'),
        ([{"dose": None, "frequency": None}], "medications[0]: missing name"),
        ([{"name": "Xanax", "dose": None}], "medications[0]: missing frequency"),
        ([{"name": "Xanax", "dose": None, "frequency": None, "route": "po"}],
         'medications[0]: unknown key "route"'),
        ([{"name": "", **NOT_GIVEN}], 'medications[0].name: must be non-empty text, got ""'),
        ([{"name": "  ", **NOT_GIVEN}], 'medications[0].name: must be non-empty text, got "  "'),
        ([{"name": None, **NOT_GIVEN}], "medications[0].name: must be non-empty text, got null"),
        ([{"name": "Xanax", "dose": 1, "frequency": None}],
         "medications[0].dose: must be text or null, got 1"),
        ([{"name": "Xanax", "dose": None, "frequency": ["bid"]}],
         'medications[0].frequency: must be text or null, got ["bid"]'),
    ],
)  # fmt: skip
def test_medications_must_be_objects_with_exactly_name_dose_and_frequency(
    medications: object, message: str
) -> None:
    assert validate_document(make_document(medications=medications)) == [FieldError("medications", message)]


def test_the_position_of_a_bad_medication_is_named() -> None:
    medications = [{"name": "Xanax", **NOT_GIVEN}, {"name": "", **NOT_GIVEN}]
    assert messages(make_document(medications=medications)) == [
        'medications[1].name: must be non-empty text, got ""'
    ]


def test_a_blood_pressure_reading_after_the_intake_date_is_refused() -> None:
    assert validate_document(make_document(bp_measured_on="2026-06-16")) == [
        FieldError(
            "bp_measured_on", "bp_measured_on: must not be after intake_date (2026-06-15), got 2026-06-16"
        )
    ]
    assert validate_document(make_document(bp_measured_on="2026-06-15")) == []


def test_a_birth_date_after_the_intake_date_is_refused() -> None:
    assert messages(make_document(date_of_birth="2027-01-01")) == [
        "date_of_birth: must not be after intake_date (2026-06-15), got 2027-01-01"
    ]


def test_date_order_is_not_checked_against_a_malformed_intake_date() -> None:
    errors = validate_document(make_document(intake_date="2026-06-31", bp_measured_on="2026-06-30"))
    assert [error.field for error in errors] == ["intake_date"]


def test_every_problem_is_reported_at_once_each_under_its_field() -> None:
    document = make_document(
        bp_systolic=500,
        hx_aneurysm="maybe",
        date_of_birth="1985-02-30",
        primary_indication=["ptsd", "ptsd"],
        phq9_items=[1] * 8,
        medications=[{"name": ""}],
        bp_measured_on="2027-01-01",
        colour="blue",
    )
    del document["cssrs_q6"]
    fields = [error.field for error in validate_document(document)]
    assert sorted(fields) == sorted([
        "colour", "date_of_birth", "primary_indication", "bp_systolic", "hx_aneurysm", "medications",
        "medications", "medications", "phq9_items", "cssrs_q6", "bp_measured_on",
    ])  # fmt: skip


def test_check_document_raises_with_every_error() -> None:
    document = make_document(bp_systolic=500, hx_avm="maybe")
    with pytest.raises(InvalidDocument) as raised:
        check_document(document)
    assert isinstance(raised.value, ValueError)
    assert [error.field for error in raised.value.errors] == ["bp_systolic", "hx_avm"]
    assert "bp_systolic: must be a whole number from 60 to 300, got 500" in str(raised.value)
    assert 'hx_avm: must be one of yes, no, unsure, got "maybe"' in str(raised.value)


def test_validation_does_not_change_the_document() -> None:
    document = make_document(medications=[{"name": "Xanax", "dose": None, "frequency": None}])
    before = repr(document)
    validate_document(document)
    assert repr(document) == before


def test_a_value_nested_too_deeply_to_print_is_still_named_in_one_short_message() -> None:
    nested: list = []
    for _ in range(5000):
        nested = [nested]
    errors = validate_document(make_document(medications=[nested]))
    assert errors == [FieldError(
        "medications",
        "medications[0]: must be an object with name, dose and frequency, got a list too deeply nested "
        "or too long to show",
    )]
