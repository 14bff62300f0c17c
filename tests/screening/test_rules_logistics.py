"""I. Logistics and data quality: transport, a missing or stale BP reading (> 90 days), incomplete scales."""

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


NO_READING = {"bp_systolic": None, "bp_diastolic": None, "bp_measured_on": None, "bp_source": None}

CASES = [
    pytest.param("LOGISTICS_NO_TRANSPORT", {"has_escort_transport": "no"}, True, id="no ride home"),
    pytest.param("LOGISTICS_NO_TRANSPORT", {"has_escort_transport": "yes"}, False, id="ride home"),
    # intake_date is 2026-06-15: 2026-03-17 is 90 days before it, 2026-03-16 is 91.
    pytest.param("VITALS_BP_MISSING_OR_STALE", {"bp_measured_on": "2026-03-17"}, False, id="90 days old"),
    pytest.param("VITALS_BP_MISSING_OR_STALE", {"bp_measured_on": "2026-03-16"}, True, id="91 days old"),
    pytest.param("VITALS_BP_MISSING_OR_STALE", NO_READING, True, id="no reading"),
    pytest.param("VITALS_BP_MISSING_OR_STALE", {"bp_diastolic": None}, True, id="no diastolic"),
    pytest.param("VITALS_BP_MISSING_OR_STALE", {"bp_measured_on": None}, True, id="reading not dated"),
    pytest.param("DATA_INCOMPLETE_SCALES", {"phq9_items": [1, 1, None, 1, 1, 1, 1, 1, 0]}, True, id="phq-9"),
    pytest.param("DATA_INCOMPLETE_SCALES", {"gad7_items": [1, 1, 1, 1, 1, 1, None]}, True, id="gad-7"),
    pytest.param("DATA_INCOMPLETE_SCALES", {"gad7_items": [0, 0, 0, 0, 0, 0, 0]}, False, id="all answered"),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_logistics_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_a_missing_reading_is_a_note_not_a_block() -> None:
    result = screen(**NO_READING)

    assert result.outcome == "ELIGIBLE"
    assert result.flags[0].evidence == {
        "bp_systolic": None, "bp_diastolic": None, "bp_measured_on": None, "days_since_reading": None,
    }


def test_a_stale_reading_shows_its_age() -> None:
    (flag,) = screen(bp_measured_on="2026-01-01").flags

    assert flag.evidence["days_since_reading"] == 165


def test_an_incomplete_phq9_shows_the_items_and_reports_no_total() -> None:
    items = [1, 1, None, 1, 1, 1, 1, 1, 0]
    result = screen(phq9_items=items)

    assert result.flags[0].evidence == {"phq9_items": items}
    assert result.scores["phq9"] == {"total": None, "band": None}


def test_a_missing_core_c_ssrs_answer_is_a_data_gap_when_nothing_suggests_risk() -> None:
    result = screen(cssrs_q1=None)

    assert result.codes == ("DATA_INCOMPLETE_SCALES",)
    assert result.flags[0].evidence == {"cssrs_q1": None}


def test_an_incomplete_suicide_screen_is_urgent_rather_than_a_data_gap() -> None:
    result = screen(cssrs_q2="yes", cssrs_q3="no", cssrs_q4=None, cssrs_q5="no")

    assert "SI_SCREEN_INCOMPLETE" in result.codes
    assert "DATA_INCOMPLETE_SCALES" not in result.codes
