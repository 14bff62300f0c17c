"""F. Substance use: each rule across its trigger, and the 30-day versus 12-month lists kept apart."""

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


CASES = [
    pytest.param("SUD_ACTIVE", {"sud_status": "current"}, True, id="current disorder"),
    pytest.param("SUD_ACTIVE", {"sud_status": "past_in_remission"}, False, id="remission is not active"),
    pytest.param("SUD_HISTORY_REMISSION", {"sud_status": "past_in_remission"}, True, id="in remission"),
    pytest.param("SUD_HISTORY_REMISSION", {"sud_status": "none"}, False, id="no disorder"),
    pytest.param(
        "SUD_KETAMINE_PCP_MISUSE", {"ketamine_or_pcp_nonmedical_ever": "yes"}, True, id="misuse ever"
    ),
    pytest.param(
        "SUD_KETAMINE_PCP_MISUSE", {"substances_past_12mo": ["ketamine"]}, True, id="ketamine 12 mo"
    ),
    pytest.param("SUD_KETAMINE_PCP_MISUSE", {"substances_past_12mo": ["pcp"]}, True, id="pcp 12 mo"),
    pytest.param(
        "SUD_KETAMINE_PCP_MISUSE", {"substances_past_12mo": ["hallucinogens", "alcohol"]}, False, id="others"
    ),
    # 2026.2: the 30-day list counts too, for documents that do not copy it into the 12-month list.
    pytest.param(
        "SUD_KETAMINE_PCP_MISUSE", {"substances_past_30d": ["ketamine"]}, True, id="ketamine 30 d only"
    ),
    pytest.param("SUD_KETAMINE_PCP_MISUSE", {"substances_past_30d": ["pcp"]}, True, id="pcp 30 d only"),
    pytest.param(
        "SUD_KETAMINE_PCP_MISUSE",
        {"substances_past_30d": ["hallucinogens", "cannabis"]},
        False,
        id="other drugs this month",
    ),
    *[
        pytest.param(
            "SUD_STIMULANT_ILLICIT_CURRENT", {"substances_past_30d": [value]}, True, id=f"{value} 30 d"
        )
        for value in ("cocaine", "methamphetamine", "illicit_amphetamine")
    ],
    pytest.param(
        "SUD_STIMULANT_ILLICIT_CURRENT",
        {"substances_past_12mo": ["cocaine"], "substances_past_30d": []},
        False,
        id="cocaine in the year but not the month",
    ),
    pytest.param("SUD_ALCOHOL_CANNOT_ABSTAIN", {"alcohol_can_abstain_24h": "no"}, True, id="cannot abstain"),
    pytest.param("SUD_ALCOHOL_CANNOT_ABSTAIN", {"alcohol_can_abstain_24h": "yes"}, False, id="can abstain"),
    pytest.param("SUD_CANNABIS_CURRENT", {"substances_past_30d": ["cannabis"]}, True, id="cannabis 30 d"),
    pytest.param(
        "SUD_CANNABIS_CURRENT", {"substances_past_12mo": ["cannabis"]}, False, id="cannabis in the year only"
    ),
]


@pytest.mark.parametrize(("code", "overrides", "fires"), CASES)
def test_substance_rule_fires_exactly_on_its_trigger(code: str, overrides: dict, fires: bool) -> None:
    assert (code in screen(**overrides).codes) is fires


def test_stimulant_evidence_lists_only_the_stimulants_used_this_month() -> None:
    (flag,) = screen(substances_past_30d=["alcohol", "cocaine", "methamphetamine"]).flags

    assert flag.code == "SUD_STIMULANT_ILLICIT_CURRENT"
    assert flag.evidence == {"substances_past_30d": ["cocaine", "methamphetamine"]}


def test_dissociative_misuse_evidence_names_each_list_that_holds_it() -> None:
    flag = next(
        flag
        for flag in screen(substances_past_12mo=["pcp", "alcohol"], substances_past_30d=["ketamine"]).flags
        if flag.code == "SUD_KETAMINE_PCP_MISUSE"
    )

    assert flag.evidence == {"substances_past_12mo": ["pcp"], "substances_past_30d": ["ketamine"]}
