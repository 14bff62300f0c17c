"""E. Suicidality: the C-SSRS strata, PHQ-9 item 9, the incomplete screen, and the crisis check."""

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import ScreeningResult, evaluate, high_risk_answers, high_suicide_risk, needs_crisis_help
from tests.screening.documents import make_document

MATCHER = seed_matcher()


def screen(**overrides: object) -> ScreeningResult:
    document = make_document(**overrides)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)



def cssrs(
    q1: str = "no", q2: str = "no", q345: tuple = (None, None, None), q6: str = "no", q6_3m=None
) -> dict:
    q3, q4, q5 = q345
    return {
        "cssrs_q1": q1,
        "cssrs_q2": q2,
        "cssrs_q3": q3,
        "cssrs_q4": q4,
        "cssrs_q5": q5,
        "cssrs_q6": q6,
        "cssrs_q6_past_3_months": q6_3m,
    }


def item9(score: int | None) -> dict:
    return {"phq9_items": [1, 1, 1, 1, 1, 1, 1, 1, score]}


IDEATION_ONLY = ("no", "no", "no")

CASES = [
    pytest.param("SI_CSSRS_HIGH", cssrs("yes", "yes", ("no", "yes", "no")), True, id="Q4 intent is high"),
    pytest.param("SI_CSSRS_HIGH", cssrs("yes", "yes", ("yes", "yes", "yes")), True, id="Q5 plan is high"),
    pytest.param("SI_CSSRS_HIGH", cssrs(q6="yes", q6_3m="yes"), True, id="behavior within 3 months is high"),
    pytest.param("SI_CSSRS_HIGH", cssrs(q6="yes", q6_3m="no"), False, id="behavior before 3 months is not"),
    pytest.param("SI_CSSRS_HIGH", cssrs("yes", "yes", ("yes", "no", "no")), False, id="method alone is not"),
    pytest.param("SI_CSSRS_MODERATE", cssrs("yes", "yes", ("yes", "no", "no")), True, id="Q3 method"),
    pytest.param("SI_CSSRS_MODERATE", cssrs(q6="yes", q6_3m="no"), True, id="behavior over 3 months ago"),
    pytest.param(
        "SI_CSSRS_MODERATE", cssrs("yes", "yes", ("yes", "yes", "no")), False, id="not when high (Q3 and Q4)"
    ),
    pytest.param(
        "SI_CSSRS_MODERATE",
        cssrs("yes", "yes", ("yes", "no", "no"), q6="yes", q6_3m="yes"),
        False,
        id="not when high (Q3 and recent behavior)",
    ),
    pytest.param("SI_CSSRS_MODERATE", cssrs("yes", "yes", IDEATION_ONLY), False, id="ideation only is not"),
    pytest.param("SI_CSSRS_LOW", cssrs("yes"), True, id="Q1 wish to be dead only"),
    pytest.param("SI_CSSRS_LOW", cssrs("no", "yes", IDEATION_ONLY), True, id="Q2 thoughts only"),
    pytest.param("SI_CSSRS_LOW", cssrs(), False, id="all no"),
    pytest.param("SI_CSSRS_LOW", cssrs("yes", q6="yes", q6_3m="no"), False, id="not with behavior"),
    pytest.param("SI_CSSRS_LOW", cssrs("yes", "yes", ("yes", "no", "no")), False, id="not with a method"),
    pytest.param("SI_CSSRS_LOW", cssrs("yes", "yes", (None, None, None)), False, id="not when incomplete"),
    pytest.param("SI_PHQ9_ITEM9_POSITIVE", item9(1), True, id="item 9 at 1"),
    pytest.param("SI_PHQ9_ITEM9_POSITIVE", item9(0), False, id="item 9 at 0"),
    pytest.param("SI_PHQ9_ITEM9_POSITIVE", item9(None), False, id="item 9 unanswered"),
    pytest.param(
        "SI_SCREEN_INCOMPLETE", cssrs("no", "yes", ("no", None, "no")), True, id="Q2 yes, Q4 missing"
    ),
    pytest.param("SI_SCREEN_INCOMPLETE", cssrs(q6="yes", q6_3m=None), True, id="Q6 yes, when missing"),
    pytest.param("SI_SCREEN_INCOMPLETE", cssrs("no", "yes", IDEATION_ONLY), False, id="Q2 yes, all answered"),
    pytest.param("SI_SCREEN_INCOMPLETE", cssrs(q6="no", q6_3m=None), False, id="Q6 no needs no follow-up"),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_suicidality_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


# The third clause of SI_SCREEN_INCOMPLETE: Q1, Q2 or Q6 unanswered while ideation is not ruled out.
UNASKED_CASES = [
    pytest.param({"cssrs_q1": None, **item9(1)}, True, id="Q1 missing, item 9 positive"),
    pytest.param({"cssrs_q6": None, **item9(None)}, True, id="Q6 missing, item 9 missing"),
    pytest.param({"cssrs_q2": None, "cssrs_q1": "yes", **item9(0)}, True, id="Q2 missing, Q1 yes"),
    pytest.param({"cssrs_q1": None, **item9(0)}, False, id="Q1 missing, nothing endorsed"),
]


@pytest.mark.parametrize(("overrides", "fires"), UNASKED_CASES)
def test_an_unasked_core_question_is_incomplete_only_when_ideation_is_not_ruled_out(
    overrides: dict, fires: bool
) -> None:
    assert ("SI_SCREEN_INCOMPLETE" in screen(**overrides).codes) is fires


def test_high_risk_is_urgent_and_names_the_answers() -> None:
    result = screen(**cssrs("yes", "yes", ("yes", "no", "yes")))

    high = next(flag for flag in result.flags if flag.code == "SI_CSSRS_HIGH")
    assert result.outcome == "URGENT"
    assert high.evidence == {"cssrs_q5": "yes"}
    assert "SI_CSSRS_MODERATE" not in result.codes


def test_an_incomplete_screen_after_positive_item_9_is_urgent() -> None:
    result = screen(**cssrs("no", "yes", (None, None, None)), **item9(2))

    assert result.outcome == "URGENT"
    assert {"SI_SCREEN_INCOMPLETE", "SI_PHQ9_ITEM9_POSITIVE"} <= set(result.codes)
    assert "SI_CSSRS_LOW" not in result.codes


def test_low_risk_does_not_block_and_item_9_adds_a_precaution() -> None:
    low_only = screen(**cssrs("yes"))
    with_item9 = screen(**cssrs("yes"), **item9(1))

    assert (low_only.outcome, low_only.codes) == ("ELIGIBLE", ("SI_CSSRS_LOW",))
    assert with_item9.outcome == "REVIEW"
    assert set(with_item9.codes) == {"SI_CSSRS_LOW", "SI_PHQ9_ITEM9_POSITIVE"}


CRISIS_CASES = [
    pytest.param({"phq9_items": [0, 0, 0, 0, 0, 0, 0, 0, 1]}, True, id="item 9 above 0"),
    pytest.param({"phq9_items": [3, 3, 3, 3, 3, 3, 3, 3, 0]}, False, id="item 9 at 0"),
    pytest.param({"phq9_items": [0, 0, 0, 0, 0, 0, 0, 0, "2"]}, True, id="item 9 as text"),
    pytest.param({"phq9_items": [0, 0, 0, 0, 0, 0, 0, 0, None]}, False, id="item 9 unanswered"),
    pytest.param({"phq9_items": [1, 1]}, False, id="items only partly answered"),
    pytest.param({"cssrs_q1": "yes"}, True, id="Q1 yes"),
    pytest.param({"cssrs_q2": "yes"}, True, id="Q2 yes"),
    pytest.param({"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "yes"}, False, id="Q6 alone"),
    pytest.param({}, False, id="nothing answered yet"),
]


@pytest.mark.parametrize(("answers", "expected"), CRISIS_CASES)
def test_crisis_help_is_shown_for_item_9_or_c_ssrs_q1_q2(answers: dict, expected: bool) -> None:
    assert needs_crisis_help(answers) is expected


DRAFT_CASES = [
    pytest.param({}, False, id="nothing answered yet"),
    pytest.param({"first_name": "Alice", "phq9_items": [3] * 9}, False, id="no C-SSRS answer yet"),
    pytest.param({"cssrs_q1": "yes", "cssrs_q2": "yes"}, False, id="ideation, follow-ups not reached"),
    pytest.param({"cssrs_q2": "yes", "cssrs_q4": "yes"}, True, id="Q4 intent alone"),
    pytest.param({"cssrs_q5": "yes"}, True, id="Q5 plan alone"),
    pytest.param({"cssrs_q3": "yes", "cssrs_q4": "no", "cssrs_q5": "no"}, False, id="method only"),
    pytest.param({"cssrs_q6": "yes"}, False, id="behavior, when not yet answered"),
    pytest.param({"cssrs_q6": "yes", "cssrs_q6_past_3_months": "yes"}, True, id="behavior within 3 months"),
    pytest.param({"cssrs_q6": "yes", "cssrs_q6_past_3_months": "no"}, False, id="behavior before 3 months"),
    pytest.param({"cssrs_q6": "no", "cssrs_q6_past_3_months": "yes"}, False, id="stale 3-month answer"),
    pytest.param({"cssrs_q4": "", "cssrs_q5": None}, False, id="blank answers"),
    pytest.param({"cssrs_q4": "Yes"}, False, id="only the stored value yes counts"),
]


@pytest.mark.parametrize(("answers", "expected"), DRAFT_CASES)
def test_high_suicide_risk_reads_a_partial_draft(answers: dict, expected: bool) -> None:
    assert high_suicide_risk(answers) is expected


@pytest.mark.parametrize(
    "overrides", [case.values[1] for case in CASES if case.values[0] == "SI_CSSRS_HIGH"] + [
        cssrs("yes", "yes", ("yes", "yes", "yes"), q6="yes", q6_3m="yes"),
        cssrs("no", "yes", (None, None, None)),
        cssrs(q6="yes", q6_3m=None),
    ],
)
def test_high_suicide_risk_agrees_with_the_si_cssrs_high_rule_on_a_whole_document(overrides: dict) -> None:
    document = make_document(**overrides)
    high = next((flag for flag in screen(**overrides).flags if flag.code == "SI_CSSRS_HIGH"), None)
    assert high_suicide_risk(document) is (high is not None)
    assert high_risk_answers(document) == (high.evidence if high else {})


def test_high_risk_answers_name_only_the_answers_that_meet_the_trigger() -> None:
    answers = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q4": "yes", "cssrs_q6": "yes",
               "cssrs_q6_past_3_months": "yes"}
    assert high_risk_answers(answers) == {
        "cssrs_q4": "yes", "cssrs_q6": "yes", "cssrs_q6_past_3_months": "yes"
    }
