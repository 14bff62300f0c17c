"""C. Neurologic, ocular and other medical: each rule across its trigger, and whole-year age at intake."""

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import ScreeningResult, evaluate
from tests.screening.documents import make_document

MATCHER = seed_matcher()


def screen(**overrides: object) -> ScreeningResult:
    document = make_document(**overrides)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)


def yes_unsure_no(code: str, field: str) -> list:
    return [
        pytest.param(code, {field: "yes"}, True, id=f"{field} yes"),
        pytest.param(code, {field: "unsure"}, True, id=f"{field} unsure"),
        pytest.param(code, {field: "no"}, False, id=f"{field} no"),
    ]


CASES = [
    *yes_unsure_no("NEURO_RAISED_ICP_OR_BRAIN_INJURY", "raised_icp_mass_shunt_or_recent_tbi"),
    pytest.param(
        "EYE_GLAUCOMA_OR_IOP", {"glaucoma_status": "untreated_or_angle_closure"}, True, id="untreated"
    ),
    pytest.param("EYE_GLAUCOMA_OR_IOP", {"glaucoma_status": "unsure"}, True, id="glaucoma unsure"),
    pytest.param("EYE_GLAUCOMA_OR_IOP", {"eye_injury_or_planned_eye_surgery": "yes"}, True, id="eye surgery"),
    pytest.param(
        "EYE_GLAUCOMA_OR_IOP", {"glaucoma_status": "treated_open_angle"}, False, id="treated glaucoma"
    ),
    pytest.param(
        "EYE_GLAUCOMA_TREATED", {"glaucoma_status": "treated_open_angle"}, True, id="treated is noted"
    ),
    pytest.param(
        "EYE_GLAUCOMA_TREATED",
        {"glaucoma_status": "untreated_or_angle_closure"},
        False,
        id="untreated is not",
    ),
    *yes_unsure_no("NEURO_SEIZURE_DISORDER", "seizure_disorder"),
    *yes_unsure_no("NEURO_COGNITIVE_IMPAIRMENT", "dementia_or_cognitive_impairment"),
    pytest.param("HEPATIC_SEVERE", {"liver_disease": "severe_or_decompensated"}, True, id="severe liver"),
    pytest.param("HEPATIC_SEVERE", {"liver_disease": "unsure"}, True, id="liver unsure"),
    pytest.param("HEPATIC_SEVERE", {"liver_disease": "mild_moderate"}, False, id="mild liver"),
    *[
        pytest.param("URO_CYSTITIS", {"bladder_condition": value}, True, id=value)
        for value in ("interstitial_cystitis", "ulcerative_cystitis", "chronic_lower_urinary_symptoms")
    ],
    pytest.param("URO_CYSTITIS", {"bladder_condition": "none"}, False, id="no bladder condition"),
    *[
        pytest.param("RESP_COMPROMISE", {"respiratory_conditions": [value]}, True, id=value)
        for value in ("osa_untreated", "severe_copd", "home_oxygen", "other_chronic_respiratory_failure")
    ],
    pytest.param(
        "RESP_COMPROMISE",
        {"respiratory_conditions": ["osa_treated", "asthma"]},
        False,
        id="treated osa, asthma",
    ),
    # intake_date is 2026-06-15.
    pytest.param("AGE_UNDER_18", {"date_of_birth": "2008-06-16"}, True, id="18th birthday tomorrow: 17"),
    pytest.param("AGE_UNDER_18", {"date_of_birth": "2008-06-15"}, False, id="18th birthday today: 18"),
    pytest.param("AGE_65_PLUS", {"date_of_birth": "1961-06-15"}, True, id="65th birthday today: 65"),
    pytest.param("AGE_65_PLUS", {"date_of_birth": "1961-06-16"}, False, id="65th birthday tomorrow: 64"),
    pytest.param(
        "PRIOR_KETAMINE_ADVERSE_REACTION",
        {"prior_ketamine_adverse_reaction": "yes"},
        True,
        id="prior reaction",
    ),
    pytest.param(
        "PRIOR_KETAMINE_ADVERSE_REACTION", {"prior_ketamine_adverse_reaction": "no"}, False, id="no reaction"
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_medical_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_a_minor_is_blocked_and_the_evidence_shows_the_age() -> None:
    result = screen(date_of_birth="2008-06-16")

    assert result.outcome == "BLOCKED"
    assert result.flags[0].evidence == {"date_of_birth": "2008-06-16", "age_years": 17}


def test_someone_born_on_29_february_turns_18_on_1_march_in_a_common_year() -> None:
    reading = {"date_of_birth": "2008-02-29", "bp_measured_on": "2026-02-20"}
    on_28_february = screen(**reading, intake_date="2026-02-28")
    on_1_march = screen(**reading, intake_date="2026-03-01")

    assert "AGE_UNDER_18" in on_28_february.codes
    assert "AGE_UNDER_18" not in on_1_march.codes


def test_an_eye_injury_and_untreated_glaucoma_make_one_flag_with_both() -> None:
    result = screen(glaucoma_status="untreated_or_angle_closure", eye_injury_or_planned_eye_surgery="yes")

    (flag,) = result.flags
    assert flag.evidence == {
        "glaucoma_status": "untreated_or_angle_closure",
        "eye_injury_or_planned_eye_surgery": "yes",
    }


def test_respiratory_evidence_lists_only_the_conditions_that_count() -> None:
    (flag,) = screen(respiratory_conditions=["asthma", "home_oxygen"]).flags

    assert flag.evidence == {"respiratory_conditions": ["home_oxygen"]}
