"""G. Reproductive: pregnancy blocks, an unsure pregnancy needs review, and "not_applicable" never fires."""

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


NOT_ASKED = {
    "can_become_pregnant": "no",
    "pregnancy_status": "not_applicable",
    "planning_pregnancy_12mo": "not_applicable",
}

CASES = [
    pytest.param("REPRO_PREGNANT", {"pregnancy_status": "pregnant"}, True, id="pregnant"),
    pytest.param("REPRO_PREGNANT", {"pregnancy_status": "unsure"}, False, id="unsure is its own code"),
    pytest.param("REPRO_PREGNANCY_UNSURE", {"pregnancy_status": "unsure"}, True, id="pregnancy unsure"),
    pytest.param("REPRO_PREGNANCY_UNSURE", {"pregnancy_status": "not_pregnant"}, False, id="not pregnant"),
    pytest.param("REPRO_PREGNANCY_UNSURE", NOT_ASKED, False, id="not asked"),
    pytest.param("REPRO_BREASTFEEDING", {"breastfeeding": "yes"}, True, id="breastfeeding"),
    pytest.param("REPRO_BREASTFEEDING", {"breastfeeding": "not_applicable"}, False, id="breastfeeding n/a"),
    pytest.param("REPRO_PREGNANCY_PLANNING", {"planning_pregnancy_12mo": "yes"}, True, id="planning"),
    pytest.param(
        "REPRO_PREGNANCY_PLANNING", {"planning_pregnancy_12mo": "unsure"}, False, id="planning unsure"
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_reproductive_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_pregnancy_blocks_and_an_unsure_pregnancy_does_not() -> None:
    assert screen(pregnancy_status="pregnant").outcome == "BLOCKED"
    assert screen(pregnancy_status="unsure").outcome == "REVIEW"


def test_pregnancy_unsure_does_not_also_fire_the_generic_unsure_rule() -> None:
    assert screen(pregnancy_status="unsure").codes == ("REPRO_PREGNANCY_UNSURE",)


def test_someone_who_cannot_become_pregnant_screens_eligible() -> None:
    result = screen(**NOT_ASKED, sex_assigned_at_birth="male")

    assert result.outcome == "ELIGIBLE"
    assert result.flags == ()
