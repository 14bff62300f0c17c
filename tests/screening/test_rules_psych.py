"""D. Psychiatric: each rule across its trigger; history rules are suppressed while the episode is active."""

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


HISTORY = {"psychotic_disorder_dx_lifetime": ["schizophrenia"]}

CASES = [
    pytest.param("PSYCH_PSYCHOSIS_ACTIVE", {"psychotic_symptoms_past_30d": "yes"}, True, id="psychosis now"),
    pytest.param("PSYCH_PSYCHOSIS_ACTIVE", {"psychotic_symptoms_past_30d": "unsure"}, False, id="unsure now"),
    pytest.param("PSYCH_PSYCHOTIC_DISORDER_HX", HISTORY, True, id="a lifetime diagnosis"),
    pytest.param(
        "PSYCH_PSYCHOTIC_DISORDER_HX", {"psychotic_episode_ever": "yes"}, True, id="an episode ever"
    ),
    pytest.param(
        "PSYCH_PSYCHOTIC_DISORDER_HX", {"psychotic_episode_ever": "unsure"}, True, id="episode unsure"
    ),
    pytest.param("PSYCH_PSYCHOTIC_DISORDER_HX", {"psychotic_episode_ever": "no"}, False, id="no history"),
    pytest.param(
        "PSYCH_PSYCHOTIC_DISORDER_HX",
        {**HISTORY, "psychotic_symptoms_past_30d": "yes"},
        False,
        id="suppressed while psychosis is active",
    ),
    pytest.param(
        "PSYCH_PSYCHOTIC_DISORDER_HX",
        {**HISTORY, "psychotic_symptoms_past_30d": "unsure"},
        True,
        id="not suppressed when active psychosis is only unsure",
    ),
    pytest.param(
        "PSYCH_PSYCHOSIS_FAMILY_HX", {"family_hx_psychosis_first_degree": "yes"}, True, id="family history"
    ),
    pytest.param(
        "PSYCH_PSYCHOSIS_FAMILY_HX", {"family_hx_psychosis_first_degree": "unsure"}, True, id="family unsure"
    ),
    pytest.param(
        "PSYCH_PSYCHOSIS_FAMILY_HX", {"family_hx_psychosis_first_degree": "no"}, False, id="no family history"
    ),
    pytest.param("PSYCH_MANIA_CURRENT", {"mania_hypomania_current": "yes"}, True, id="mania now"),
    pytest.param("PSYCH_MANIA_CURRENT", {"mania_hypomania_current": "unsure"}, False, id="mania now unsure"),
    pytest.param("PSYCH_BIPOLAR_OR_MANIA_HX", {"bipolar_dx": "yes"}, True, id="bipolar yes"),
    pytest.param("PSYCH_BIPOLAR_OR_MANIA_HX", {"bipolar_dx": "unsure"}, True, id="bipolar unsure"),
    pytest.param("PSYCH_BIPOLAR_OR_MANIA_HX", {"mania_hypomania_ever": "yes"}, True, id="mania ever"),
    pytest.param(
        "PSYCH_BIPOLAR_OR_MANIA_HX", {"mania_hypomania_ever": "unsure"}, True, id="mania ever unsure"
    ),
    pytest.param("PSYCH_BIPOLAR_OR_MANIA_HX", {"bipolar_dx": "no"}, False, id="no bipolar history"),
    pytest.param(
        "PSYCH_BIPOLAR_OR_MANIA_HX",
        {"bipolar_dx": "yes", "mania_hypomania_current": "yes"},
        False,
        id="suppressed while mania is current",
    ),
    pytest.param(
        "PSYCH_BIPOLAR_OR_MANIA_HX",
        {"bipolar_dx": "yes", "mania_hypomania_current": "unsure"},
        True,
        id="not suppressed when current mania is only unsure",
    ),
    pytest.param("PSYCH_PTSD_DISTRESS_PLAN", {"ptsd_dx": "yes"}, True, id="ptsd diagnosis"),
    pytest.param(
        "PSYCH_PTSD_DISTRESS_PLAN", {"primary_indication": ["depression", "ptsd"]}, True, id="ptsd indication"
    ),
    pytest.param(
        "PSYCH_PTSD_DISTRESS_PLAN", {"primary_indication": ["anxiety"], "ptsd_dx": "no"}, False, id="no ptsd"
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_psychiatric_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_active_psychosis_with_history_is_blocked_by_the_active_rule_alone() -> None:
    result = screen(psychotic_symptoms_past_30d="yes", **HISTORY)

    assert result.codes == ("PSYCH_PSYCHOSIS_ACTIVE",)
    assert result.outcome == "BLOCKED"


def test_unsure_about_current_psychosis_needs_review_for_both_the_item_and_the_history() -> None:
    result = screen(psychotic_symptoms_past_30d="unsure", **HISTORY)

    assert set(result.codes) == {"EXCLUSION_ITEM_UNSURE", "PSYCH_PSYCHOTIC_DISORDER_HX"}
    assert result.outcome == "REVIEW"


def test_psychosis_history_evidence_names_the_diagnoses_and_the_episode_answer() -> None:
    (flag,) = screen(
        psychotic_disorder_dx_lifetime=["psychotic_depression"], psychotic_episode_ever="yes"
    ).flags

    assert flag.evidence == {
        "psychotic_disorder_dx_lifetime": ["psychotic_depression"],
        "psychotic_episode_ever": "yes",
    }
