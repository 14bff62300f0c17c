"""B. Blood pressure and cardiovascular: strict thresholds, the 365-day window, undated events as recent."""

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import ScreeningResult, evaluate
from tests.screening.documents import make_document

MATCHER = seed_matcher()

# The baseline's intake_date is 2026-06-15; no 29 February lies in the year before it.
DAYS_365_BEFORE = "2025-06-15"
DAYS_366_BEFORE = "2025-06-14"


def screen(**overrides: object) -> ScreeningResult:
    document = make_document(**overrides)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)


def bp(systolic: int | None, diastolic: int | None) -> dict:
    return {"bp_systolic": systolic, "bp_diastolic": diastolic}


def acs(date: str | None, field: str = "hx_mi") -> dict:
    return {field: "yes", "acs_most_recent_date": date}


def stroke(date: str | None) -> dict:
    return {"hx_ischemic_stroke_or_tia": "yes", "stroke_tia_most_recent_date": date}


CASES = [
    pytest.param("CARDIO_BP_ELEVATED", bp(140, 90), False, id="140/90 does not fire"),
    pytest.param("CARDIO_BP_ELEVATED", bp(141, 90), True, id="141/90 fires"),
    pytest.param("CARDIO_BP_ELEVATED", bp(140, 91), True, id="140/91 fires"),
    pytest.param("CARDIO_BP_ELEVATED", bp(None, None), False, id="no reading does not fire"),
    pytest.param("CARDIO_BP_SEVERELY_ELEVATED", bp(180, 100), False, id="180/100 does not fire"),
    pytest.param("CARDIO_BP_SEVERELY_ELEVATED", bp(181, 80), True, id="181/80 fires"),
    pytest.param("CARDIO_BP_SEVERELY_ELEVATED", bp(130, 101), True, id="130/101 fires"),
    pytest.param("CARDIO_BP_CRISIS_RANGE", bp(180, 120), False, id="180/120 does not fire"),
    pytest.param("CARDIO_BP_CRISIS_RANGE", bp(179, 110), False, id="179/110 does not fire"),
    pytest.param("CARDIO_BP_CRISIS_RANGE", bp(181, 80), True, id="181/80 fires"),
    pytest.param("CARDIO_BP_CRISIS_RANGE", bp(150, 121), True, id="150/121 fires"),
    pytest.param(
        "CARDIO_HTN_UNCONTROLLED_REPORTED", {"hypertension_status": "uncontrolled"}, True, id="uncontrolled"
    ),
    pytest.param(
        "CARDIO_HTN_UNCONTROLLED_REPORTED", {"hypertension_status": "unsure"}, True, id="htn unsure"
    ),
    pytest.param(
        "CARDIO_HTN_UNCONTROLLED_REPORTED", {"hypertension_status": "controlled"}, False, id="controlled"
    ),
    pytest.param("CARDIO_ACS_RECENT", acs(DAYS_365_BEFORE), True, id="MI 365 days ago is recent"),
    pytest.param("CARDIO_ACS_RECENT", acs(DAYS_366_BEFORE), False, id="MI 366 days ago is not recent"),
    pytest.param("CARDIO_ACS_RECENT", acs(None), True, id="MI with unknown date counts as recent"),
    pytest.param(
        "CARDIO_ACS_RECENT", acs("2026-06-15", "hx_unstable_angina"), True, id="unstable angina today"
    ),
    pytest.param(
        "CARDIO_ACS_RECENT", acs(None, "hx_coronary_revascularization"), True, id="undated revascularization"
    ),
    pytest.param("CARDIO_ACS_RECENT", {"hx_mi": "unsure"}, False, id="MI unsure is not yes"),
    pytest.param("CARDIO_OTHER_CONDITION", acs(DAYS_366_BEFORE), True, id="MI 366 days ago fires"),
    pytest.param("CARDIO_OTHER_CONDITION", acs(DAYS_365_BEFORE), False, id="MI 365 days ago does not"),
    pytest.param("CARDIO_OTHER_CONDITION", acs(None), False, id="undated MI is recent, not other"),
    *[
        pytest.param("CARDIO_OTHER_CONDITION", {"other_cv_conditions": [value]}, True, id=f"{value} fires")
        for value in (
            "stable_cad_angina",
            "heart_failure",
            "arrhythmia",
            "valvular_disease",
            "cardiomyopathy",
            "peripheral_arterial_disease_non_aneurysmal",
            "unsure",
        )
    ],
    pytest.param("CARDIO_OTHER_CONDITION", {"other_cv_conditions": []}, False, id="no other condition"),
    pytest.param(
        "CARDIO_HYPERTENSIVE_ENCEPHALOPATHY_HX", {"hx_hypertensive_encephalopathy": "yes"}, True, id="he yes"
    ),
    pytest.param(
        "CARDIO_HYPERTENSIVE_ENCEPHALOPATHY_HX",
        {"hx_hypertensive_encephalopathy": "unsure"},
        True,
        id="he unsure",
    ),
    pytest.param(
        "CARDIO_HYPERTENSIVE_ENCEPHALOPATHY_HX", {"hx_hypertensive_encephalopathy": "no"}, False, id="he no"
    ),
    pytest.param("NEURO_ISCHEMIC_STROKE_TIA_RECENT", stroke(DAYS_365_BEFORE), True, id="stroke 365 days ago"),
    pytest.param(
        "NEURO_ISCHEMIC_STROKE_TIA_RECENT", stroke(DAYS_366_BEFORE), False, id="stroke 366 days ago"
    ),
    pytest.param("NEURO_ISCHEMIC_STROKE_TIA_RECENT", stroke(None), True, id="undated stroke is recent"),
    pytest.param(
        "NEURO_ISCHEMIC_STROKE_TIA_RECENT", {"hx_ischemic_stroke_or_tia": "unsure"}, False, id="stroke unsure"
    ),
    pytest.param("NEURO_ISCHEMIC_STROKE_TIA_REMOTE", stroke(DAYS_366_BEFORE), True, id="remote at 366 days"),
    pytest.param("NEURO_ISCHEMIC_STROKE_TIA_REMOTE", stroke(DAYS_365_BEFORE), False, id="not remote at 365"),
    pytest.param("NEURO_ISCHEMIC_STROKE_TIA_REMOTE", stroke(None), False, id="undated stroke is not remote"),
    pytest.param(
        "ENDO_HYPERTHYROID_UNCONTROLLED",
        {"hyperthyroidism_status": "untreated_or_uncontrolled"},
        True,
        id="thyroid uncontrolled",
    ),
    pytest.param(
        "ENDO_HYPERTHYROID_UNCONTROLLED", {"hyperthyroidism_status": "unsure"}, True, id="thyroid unsure"
    ),
    pytest.param(
        "ENDO_HYPERTHYROID_UNCONTROLLED",
        {"hyperthyroidism_status": "treated_controlled"},
        False,
        id="thyroid treated",
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_cardiovascular_rule_fires_exactly_across_its_threshold(
    code: str, overrides: dict, fires: bool
) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_elevated_bp_evidence_is_the_whole_reading() -> None:
    (flag,) = screen(**bp(141, 90)).flags

    assert flag.code == "CARDIO_BP_ELEVATED"
    assert flag.evidence == {"bp_systolic": 141, "bp_diastolic": 90}


def test_a_crisis_range_reading_fires_all_three_bp_rules_and_is_urgent() -> None:
    result = screen(**bp(190, 125))

    assert {"CARDIO_BP_ELEVATED", "CARDIO_BP_SEVERELY_ELEVATED", "CARDIO_BP_CRISIS_RANGE"} <= set(
        result.codes
    )
    assert result.outcome == "URGENT"


def test_severely_elevated_bp_below_the_crisis_range_blocks() -> None:
    result = screen(**bp(170, 110))

    assert result.codes == ("CARDIO_BP_SEVERELY_ELEVATED", "CARDIO_BP_ELEVATED")
    assert result.outcome == "BLOCKED"


def test_recent_acs_evidence_names_every_yes_and_the_date() -> None:
    result = screen(hx_mi="yes", hx_coronary_revascularization="yes", acs_most_recent_date="2026-01-10")

    (flag,) = result.flags
    assert flag.evidence == {
        "hx_mi": "yes",
        "hx_coronary_revascularization": "yes",
        "acs_most_recent_date": "2026-01-10",
    }


def test_old_acs_and_another_condition_make_one_other_condition_flag_with_both() -> None:
    result = screen(**acs(DAYS_366_BEFORE), other_cv_conditions=["arrhythmia", "heart_failure"])

    (flag,) = result.flags
    assert flag.code == "CARDIO_OTHER_CONDITION"
    assert flag.evidence == {
        "hx_mi": "yes",
        "acs_most_recent_date": DAYS_366_BEFORE,
        "other_cv_conditions": ["arrhythmia", "heart_failure"],
    }


def test_an_event_dated_after_intake_counts_as_recent() -> None:
    assert "NEURO_ISCHEMIC_STROKE_TIA_RECENT" in screen(**stroke("2026-07-01")).codes
