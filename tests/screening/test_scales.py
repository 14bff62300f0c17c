"""Scale summaries of scales.md: PHQ-9 and GAD-7 totals and bands, and the C-SSRS risk level."""

import re

import pytest

from screening.medications import seed_matcher
from screening.rules import CssrsRisk, Outcome, evaluate
from screening.rules.scales import GAD7_BANDS, PHQ9_BANDS, band_for, screen_cssrs, summarise_scale
from tests.screening.documents import make_document
from tests.services import clinical_spec

MATCHER = seed_matcher()


def items_totalling(total: int, count: int) -> list[int]:
    """`count` item scores of 0-3 adding up to `total`."""
    items = [min(3, max(0, total - 3 * index)) for index in range(count)]
    assert sum(items) == total
    return items


PHQ9_CASES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately_severe"),
    (19, "moderately_severe"),
    (20, "severe"),
    (27, "severe"),
]
GAD7_CASES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_CASES)
def test_phq9_total_falls_in_the_band_of_scales_md(total: int, band: str) -> None:
    document = make_document(phq9_items=items_totalling(total, 9))

    assert evaluate(document, MATCHER).scores["phq9"] == {"total": total, "band": band}


@pytest.mark.parametrize(("total", "band"), GAD7_CASES)
def test_gad7_total_falls_in_the_band_of_scales_md(total: int, band: str) -> None:
    document = make_document(gad7_items=items_totalling(total, 7))

    assert evaluate(document, MATCHER).scores["gad7"] == {"total": total, "band": band}


@pytest.mark.parametrize("bands", [PHQ9_BANDS, GAD7_BANDS])
def test_a_scale_with_an_unanswered_item_has_no_total_and_no_band(bands: tuple) -> None:
    assert summarise_scale([3, None, 3], bands) == {"total": None, "band": None}


def test_a_total_above_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="28"):
        band_for(28, PHQ9_BANDS)


def cssrs(**answers: str) -> dict:
    blank = dict.fromkeys(("cssrs_q3", "cssrs_q4", "cssrs_q5", "cssrs_q6_past_3_months"))
    return {"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "no", **blank, **answers}


RISK_CASES = [
    pytest.param(cssrs(), 0, "none", id="all no"),
    pytest.param(cssrs(cssrs_q1="yes"), 0, "low", id="wish to be dead"),
    pytest.param(cssrs(cssrs_q2="yes", cssrs_q3="no", cssrs_q4="no", cssrs_q5="no"), 0, "low", id="thoughts"),
    pytest.param(
        cssrs(cssrs_q2="yes", cssrs_q3="yes", cssrs_q4="no", cssrs_q5="no"), 0, "moderate", id="method"
    ),
    pytest.param(cssrs(cssrs_q6="yes", cssrs_q6_past_3_months="no"), 0, "moderate", id="old behavior"),
    pytest.param(
        cssrs(cssrs_q2="yes", cssrs_q3="yes", cssrs_q4="yes", cssrs_q5="no"), 0, "high", id="intent"
    ),
    pytest.param(cssrs(cssrs_q6="yes", cssrs_q6_past_3_months="yes"), 0, "high", id="recent behavior"),
    # 2026.2: a screen left unfinished where SI_SCREEN_INCOMPLETE fires is "incomplete", not "high".
    pytest.param(cssrs(cssrs_q2="yes"), 0, "incomplete", id="Q3-Q5 unanswered"),
    pytest.param(cssrs(cssrs_q2="yes", cssrs_q3="yes"), 0, "incomplete", id="method, then intent unanswered"),
    pytest.param(cssrs(cssrs_q6="yes"), 0, "incomplete", id="behavior, when unanswered"),
    pytest.param(cssrs(cssrs_q1=None), 2, "incomplete", id="Q1 unanswered, item 9 positive"),
    pytest.param(cssrs(cssrs_q1=None, cssrs_q2="yes", cssrs_q3="no", cssrs_q4="no", cssrs_q5="no"), 0,
                 "incomplete", id="Q1 unanswered, thoughts endorsed"),
    pytest.param(cssrs(cssrs_q1=None), 0, "none", id="Q1 unanswered, nothing endorsed"),
    # Answers that already show high risk are high, even where a later answer is missing.
    pytest.param(cssrs(cssrs_q2="yes", cssrs_q3="no", cssrs_q4="yes"), 0, "high",
                 id="intent, plan unanswered"),
    pytest.param(cssrs(cssrs_q6="yes", cssrs_q6_past_3_months="yes", cssrs_q1=None), 1, "high",
                 id="recent behavior, Q1 unanswered"),
]


@pytest.mark.parametrize(("answers", "item9", "risk"), RISK_CASES)
def test_cssrs_risk_follows_the_triage_table_of_scales_md(answers: dict, item9: int, risk: str) -> None:
    assert screen_cssrs(answers, item9).risk == risk


def test_the_readme_example_reports_phq9_moderate_gad7_mild_and_no_suicide_risk() -> None:
    document = make_document(
        bp_systolic=141,
        bp_diastolic=90,
        phq9_items=[2, 2, 2, 2, 1, 1, 1, 2, 0],
        gad7_items=[2, 2, 1, 1, 1, 1, 1],
    )

    assert evaluate(document, MATCHER).scores == {
        "phq9": {"total": 13, "band": "moderate"},
        "gad7": {"total": 9, "band": "mild"},
        "cssrs": {"risk": "none"},
    }


def test_the_risk_levels_are_exactly_those_scales_md_lists() -> None:
    text = clinical_spec("scales.md").read_text(encoding="utf-8")
    sentence = re.search(r"`scores\.cssrs\.risk` in a result\) is one of ([^.]+)\.", text)

    assert sentence is not None
    assert {str(level) for level in CssrsRisk} == set(re.findall(r"`([a-z]+)`", sentence.group(1)))


def test_an_unfinished_suicide_screen_reads_incomplete_and_is_triaged_as_urgent_like_high_risk() -> None:
    document = make_document(cssrs_q1="yes", cssrs_q2="yes", cssrs_q3=None, cssrs_q4=None, cssrs_q5=None)

    result = evaluate(document, MATCHER)

    assert result.scores["cssrs"] == {"risk": "incomplete"}
    assert result.outcome == Outcome.URGENT
    assert result.codes[0] == "SI_SCREEN_INCOMPLETE"
