"""A. Label contraindications: each rule fires just across its trigger and not before."""

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import ScreeningResult, evaluate
from screening.rules.label import EXCLUSION_ITEMS
from tests.screening.documents import make_document

MATCHER = seed_matcher()


def screen(**overrides: object) -> ScreeningResult:
    document = make_document(**overrides)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)


CASES = [
    pytest.param("CARDIO_ANEURYSM_AVM", {"hx_aneurysm": "yes"}, True, id="aneurysm yes fires"),
    pytest.param("CARDIO_ANEURYSM_AVM", {"hx_avm": "yes"}, True, id="avm yes fires"),
    pytest.param("CARDIO_ANEURYSM_AVM", {"hx_aneurysm": "unsure"}, False, id="aneurysm unsure is not yes"),
    pytest.param("CARDIO_ANEURYSM_AVM", {"hx_avm": "no"}, False, id="avm no"),
    pytest.param(
        "NEURO_INTRACEREBRAL_HEMORRHAGE", {"hx_intracerebral_hemorrhage": "yes"}, True, id="brain bleed yes"
    ),
    pytest.param(
        "NEURO_INTRACEREBRAL_HEMORRHAGE",
        {"hx_intracerebral_hemorrhage": "unsure"},
        False,
        id="brain bleed unsure is not yes",
    ),
    pytest.param("ALLERGY_KETAMINE", {"allergy_ketamine_esketamine": "yes"}, True, id="allergy yes"),
    pytest.param("ALLERGY_KETAMINE", {"allergy_ketamine_esketamine": "unsure"}, False, id="allergy unsure"),
    *[
        pytest.param("EXCLUSION_ITEM_UNSURE", {field: "unsure"}, True, id=f"{field} unsure fires")
        for field in EXCLUSION_ITEMS
    ],
    pytest.param("EXCLUSION_ITEM_UNSURE", {"hx_aneurysm": "yes"}, False, id="a yes is not unsure"),
    pytest.param(
        "EXCLUSION_ITEM_UNSURE",
        {"hx_hypertensive_encephalopathy": "unsure"},
        False,
        id="unsure on a precaution question is not an exclusion item",
    ),
    pytest.param(
        "EXCLUSION_ITEM_UNSURE", {"pregnancy_status": "unsure"}, False, id="pregnancy has its own code"
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_label_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_the_exclusion_items_are_the_ten_questions_of_rules_md() -> None:
    assert set(EXCLUSION_ITEMS) == {
        "hx_aneurysm",
        "hx_avm",
        "hx_intracerebral_hemorrhage",
        "allergy_ketamine_esketamine",
        "hx_mi",
        "hx_unstable_angina",
        "hx_coronary_revascularization",
        "hx_ischemic_stroke_or_tia",
        "psychotic_symptoms_past_30d",
        "mania_hypomania_current",
    }


def test_unsure_on_an_exclusion_question_needs_review_and_does_not_block() -> None:
    result = screen(hx_aneurysm="unsure")

    assert result.codes == ("EXCLUSION_ITEM_UNSURE",)
    assert result.outcome == "REVIEW"


def test_exclusion_item_unsure_names_every_unsure_answer() -> None:
    result = screen(hx_avm="unsure", mania_hypomania_current="unsure")

    flag = next(flag for flag in result.flags if flag.code == "EXCLUSION_ITEM_UNSURE")
    assert flag.evidence == {"hx_avm": "unsure", "mania_hypomania_current": "unsure"}


def test_aneurysm_and_avm_together_raise_one_flag_naming_both() -> None:
    result = screen(hx_aneurysm="yes", hx_avm="yes")

    assert result.codes.count("CARDIO_ANEURYSM_AVM") == 1
    assert result.flags[0].evidence == {"hx_aneurysm": "yes", "hx_avm": "yes"}
    assert result.outcome == "BLOCKED"
