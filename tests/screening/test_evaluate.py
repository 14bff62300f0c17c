"""evaluate(): every fired flag reported once, most severe first, outcome by precedence, the JSON contract."""

import copy
import json
import re

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import RULESET_VERSION, Outcome, ScreeningResult, evaluate
from tests.screening.documents import BASELINE, make_document
from tests.screening.test_catalogue import spec_rows, split_sources
from tests.services import clinical_spec

MATCHER = seed_matcher()


def screen(**overrides: object) -> ScreeningResult:
    document = make_document(**overrides)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)


URGENT = {"bp_systolic": 185, "bp_diastolic": 95}  # also fires the two lower BP rules
EXCLUSION = {"allergy_ketamine_esketamine": "yes"}
PRECAUTION = {"seizure_disorder": "yes"}
INFO = {"has_escort_transport": "no"}

PRECEDENCE = [
    pytest.param({**URGENT, **EXCLUSION, **PRECAUTION, **INFO}, Outcome.URGENT, id="urgent beats everything"),
    pytest.param({**EXCLUSION, **PRECAUTION, **INFO}, Outcome.BLOCKED, id="exclusion beats precaution"),
    pytest.param({**PRECAUTION, **INFO}, Outcome.REVIEW, id="precaution beats info"),
    pytest.param(INFO, Outcome.ELIGIBLE, id="info alone stays eligible"),
    pytest.param({}, Outcome.ELIGIBLE, id="no flags is eligible"),
]


@pytest.mark.parametrize(("overrides", "outcome"), PRECEDENCE)
def test_outcome_follows_the_precedence_of_rules_md(overrides: dict, outcome: Outcome) -> None:
    assert screen(**overrides).outcome == outcome


def test_the_baseline_document_screens_eligible_with_no_flags() -> None:
    result = evaluate(BASELINE, MATCHER)

    assert (result.outcome, result.flags) == (Outcome.ELIGIBLE, ())
    assert result.ruleset_version == RULESET_VERSION == readme_example()["ruleset_version"] == "2026.2"


def test_every_fired_rule_is_reported_most_severe_first() -> None:
    result = screen(**URGENT, **EXCLUSION, **PRECAUTION, **INFO)

    assert result.codes == (
        "CARDIO_BP_CRISIS_RANGE",
        "ALLERGY_KETAMINE",
        "CARDIO_BP_SEVERELY_ELEVATED",
        "CARDIO_BP_ELEVATED",
        "NEURO_SEIZURE_DISORDER",
        "LOGISTICS_NO_TRANSPORT",
    )


def readme_example() -> dict:
    """The example result of the screening contract in shared/clinical/README.md."""
    readme = clinical_spec("README.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", readme, flags=re.DOTALL).group(1))


def test_the_readme_example_document_screens_to_the_readme_example_result() -> None:
    result = screen(
        bp_systolic=141,
        bp_diastolic=90,
        phq9_items=[2, 2, 2, 2, 1, 1, 1, 2, 0],
        gad7_items=[2, 2, 1, 1, 1, 1, 1],
    )
    spec = {row["code"]: row for row in spec_rows()}["CARDIO_BP_ELEVATED"]
    expected = readme_example()
    expected["flags"][0] |= {"rationale": spec["rationale"], "sources": list(split_sources(spec["sources"]))}

    assert json.loads(json.dumps(result.to_dict())) == expected


def test_a_flag_carries_the_rationale_and_sources_of_rules_md_word_for_word() -> None:
    payload = json.loads(json.dumps(screen(bp_systolic=141, medications=[
        {"name": "Xanax 1mg", "dose": "1mg", "frequency": None},
    ]).to_dict()))

    assert payload["ruleset_version"] == "2026.2"
    assert payload["outcome"] == "REVIEW"
    assert payload["flags"] == [
        {
            "code": "CARDIO_BP_ELEVATED",
            "severity": "PRECAUTION",
            "rationale": "The label's general guide is to weigh delaying treatment above 140/90, because "
            "esketamine raises BP for about 4 h (peak ~40 min).",
            "sources": [
                "SPRAVATO-PI §5.6",
                "SPRAVATO-ISI",
                "SPRAVATO-MEDINFO (trials withheld the dose at SBP >140, or >150 if >65 y, or DBP >90)",
                "SPRAVATO-MONO",
            ],
            "evidence": {"bp_systolic": 141, "bp_diastolic": 80},
        },
        {
            "code": "MED_BENZODIAZEPINE",
            "severity": "PRECAUTION",
            "rationale": "Benzodiazepines add to sedation and may blunt ketamine's antidepressant response, "
            "especially at higher doses.",
            "sources": [
                "SPRAVATO-PI §5.1 (→ §7.1)",
                "SPRAVATO-DDI",
                "ANDRADE-2017",
                "BZD-2020",
                "TRIALS (>3 mg lorazepam-eq excluded in one trial)",
            ],
            "evidence": {"medications": ["Xanax 1mg"]},
        },
    ]
    assert payload["scores"]["cssrs"] == {"risk": "none"}


def test_every_fired_flag_shows_its_rules_md_severity_rationale_and_sources() -> None:
    result = screen(**URGENT, **EXCLUSION, **PRECAUTION, **INFO, cssrs_q1="yes", cssrs_q2="yes",
                    medications=[{"name": "xanax and oxycotin", "dose": None, "frequency": None}])
    spec = {row["code"]: row for row in spec_rows()}

    assert set(result.codes) == {
        "CARDIO_BP_CRISIS_RANGE", "SI_SCREEN_INCOMPLETE", "ALLERGY_KETAMINE", "CARDIO_BP_SEVERELY_ELEVATED",
        "CARDIO_BP_ELEVATED", "NEURO_SEIZURE_DISORDER", "MED_BENZODIAZEPINE", "MED_OPIOID",
        "MED_CNS_DEPRESSANT_MULTIPLE", "MED_FUZZY_MATCH", "LOGISTICS_NO_TRANSPORT",
    }
    for flag in result.flags:
        row = spec[flag.code]
        assert (str(flag.severity), flag.rationale, flag.sources) == (
            row["severity"], " ".join(row["rationale"].split()), split_sources(row["sources"])
        ), flag.code


def test_the_same_document_always_screens_the_same_way() -> None:
    document = make_document(
        **URGENT, hx_mi="yes", medications=[{"name": "xanex", "dose": None, "frequency": None}]
    )

    assert evaluate(document, MATCHER).to_dict() == evaluate(copy.deepcopy(document), MATCHER).to_dict()


def test_screening_leaves_the_document_unchanged() -> None:
    document = make_document(**URGENT, other_cv_conditions=["arrhythmia"], phq9_items=[1] * 8 + [None])
    before = copy.deepcopy(document)

    evaluate(document, MATCHER).to_dict()["flags"][0]["evidence"]["bp_systolic"] = 0

    assert document == before


def test_an_urgent_case_with_many_findings_reports_each_code_once() -> None:
    result = screen(
        cssrs_q1="yes",
        cssrs_q2="yes",
        cssrs_q3="yes",
        cssrs_q4="yes",
        cssrs_q5="yes",
        cssrs_q6="yes",
        cssrs_q6_past_3_months="yes",
        phq9_items=[3, 3, 3, 3, 3, 3, 3, 3, 3],
        medications=[
            {"name": name, "dose": None, "frequency": None} for name in ("Xanax", "Ativan", "xanex")
        ],
    )

    assert result.outcome == Outcome.URGENT
    assert len(result.codes) == len(set(result.codes))
    assert set(result.codes) == {
        "SI_CSSRS_HIGH",
        "SI_PHQ9_ITEM9_POSITIVE",
        "MED_BENZODIAZEPINE",
        "MED_FUZZY_MATCH",
    }
    assert result.scores == {
        "phq9": {"total": 27, "band": "severe"},
        "gad7": {"total": 7, "band": "mild"},
        "cssrs": {"risk": "high"},
    }
