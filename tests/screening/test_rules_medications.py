"""H. Medications, screened with the real seed dictionary: class rules, the multiple-depressant count,
fuzzy and unrecognised names."""

import pytest

from screening.document import validate_document
from screening.medications import seed_matcher
from screening.rules import ScreeningResult, evaluate
from tests.screening.documents import make_document

MATCHER = seed_matcher()


def screen(*names: str) -> ScreeningResult:
    medications = [{"name": name, "dose": None, "frequency": None} for name in names]
    document = make_document(medications=medications)
    assert validate_document(document) == []
    return evaluate(document, MATCHER)


# A drug of each class MED_OTHER_CNS_DEPRESSANT lists, with no other depressant class.
OTHER_DEPRESSANT_EXAMPLES = {
    "Z_DRUG": "Ambien",
    "BARBITURATE": "Fioricet",
    "GABAPENTINOID": "gabapentin 300 mg tid",
    "MUSCLE_RELAXANT": "Flexeril 10mg",
    "SEDATING_ANTIHISTAMINE": "Benadryl",
    "OTHER_SEDATIVE": "Belsomra",
}

CASES = [
    pytest.param("MED_MAOI", ("Nardil 15 mg",), True, id="phenelzine"),
    pytest.param("MED_MAOI", ("Zoloft 50 mg",), False, id="an SSRI is not flagged"),
    pytest.param("MED_PSYCHOSTIMULANT", ("Adderall XR 20mg",), True, id="amphetamine"),
    pytest.param("MED_PSYCHOSTIMULANT", ("levothyroxine",), False, id="thyroid is not a stimulant"),
    pytest.param("MED_BENZODIAZEPINE", ("Xanax 1mg",), True, id="alprazolam"),
    pytest.param("MED_BENZODIAZEPINE", ("Ambien",), False, id="a z-drug is not a benzodiazepine"),
    pytest.param("MED_OPIOID", ("Norco 5/325",), True, id="hydrocodone"),
    pytest.param("MED_OPIOID", ("naltrexone",), False, id="an antagonist is not an opioid"),
    # One drug of each class the rule lists, each drug of that class alone, so dropping a class fails.
    *[
        pytest.param("MED_OTHER_CNS_DEPRESSANT", (name,), True, id=drug_class.lower())
        for drug_class, name in OTHER_DEPRESSANT_EXAMPLES.items()
    ],
    pytest.param("MED_OTHER_CNS_DEPRESSANT", ("Xanax",), False, id="benzodiazepines have their own rule"),
    pytest.param("MED_OTHER_CNS_DEPRESSANT", ("Norco",), False, id="opioids have their own rule"),
    # Each counted class with one benzodiazepine: two classes only while that class is counted.
    *[
        pytest.param("MED_CNS_DEPRESSANT_MULTIPLE", ("Xanax", name), True, id=f"benzo and {kind.lower()}")
        for kind, name in {"OPIOID": "Norco", **OTHER_DEPRESSANT_EXAMPLES}.items()
    ],
    pytest.param("MED_CNS_DEPRESSANT_MULTIPLE", ("Norco", "Ambien"), True, id="opioid and z-drug"),
    pytest.param(
        "MED_CNS_DEPRESSANT_MULTIPLE", ("Xanax", "Seroquel"), False, id="an antipsychotic is not counted"
    ),
    pytest.param(
        "MED_CNS_DEPRESSANT_MULTIPLE", ("Fiorinal with codeine",), True, id="one combination product"
    ),
    pytest.param("MED_CNS_DEPRESSANT_MULTIPLE", ("Xanax", "Klonopin"), False, id="two of the same class"),
    pytest.param("MED_CNS_DEPRESSANT_MULTIPLE", ("Xanax",), False, id="one depressant"),
    pytest.param("MED_LAMOTRIGINE", ("Lamictal 100mg",), True, id="lamotrigine"),
    pytest.param("MED_LAMOTRIGINE", ("Seroquel",), False, id="not lamotrigine"),
    pytest.param("MED_OPIOID_ANTAGONIST", ("naltrexone 50 mg",), True, id="naltrexone"),
    pytest.param("MED_OPIOID_ANTAGONIST", ("Norco",), False, id="an opioid is not an antagonist"),
    pytest.param("MED_NMDA_ANTAGONIST", ("Namenda",), True, id="memantine"),
    pytest.param("MED_NMDA_ANTAGONIST", ("Spravato",), False, id="esketamine has its own rule"),
    pytest.param("MED_THEOPHYLLINE", ("Theo-24",), True, id="hyphenated theophylline brand"),
    pytest.param("MED_THEOPHYLLINE", ("Zoloft",), False, id="not a methylxanthine"),
    pytest.param("MED_THYROID_OR_SYMPATHOMIMETIC", ("Synthroid 50 mcg",), True, id="levothyroxine"),
    pytest.param("MED_THYROID_OR_SYMPATHOMIMETIC", ("Adderall",), False, id="a stimulant is not thyroid"),
    pytest.param("MED_ANTIPSYCHOTIC", ("Seroquel 25mg qhs",), True, id="quetiapine"),
    pytest.param("MED_ANTIPSYCHOTIC", ("zyrtec",), False, id="zyrtec is not an antipsychotic"),
    pytest.param("MED_KETAMINE_CURRENT", ("Spravato",), True, id="esketamine"),
    pytest.param("MED_KETAMINE_CURRENT", ("Namenda",), False, id="memantine is not ketamine"),
    pytest.param("MED_FUZZY_MATCH", ("xanex",), True, id="xanex is a misspelling"),
    pytest.param("MED_FUZZY_MATCH", ("Xanax",), False, id="an exact name is not fuzzy"),
    pytest.param("MED_UNRECOGNIZED", ("sona",), True, id="too short to fuzzy-match"),
    pytest.param("MED_UNRECOGNIZED", ("clonidine",), True, id="clonidine is not clonazepam"),
    pytest.param("MED_UNRECOGNIZED", ("Zoloft",), False, id="recognised without a class"),
]


@pytest.mark.parametrize(("code", "names", "fires"), CASES)
def test_medication_rule_fires_exactly_on_its_class(code: str, names: tuple[str, ...], fires: bool) -> None:
    assert (code in screen(*names).codes) is fires


def test_a_misspelt_benzodiazepine_fires_its_class_rule_and_asks_to_confirm_the_match() -> None:
    result = screen("xanex 0.5mg")

    flags = {flag.code: flag for flag in result.flags}
    assert flags["MED_BENZODIAZEPINE"].evidence == {"medications": ["xanex 0.5mg"]}
    assert flags["MED_FUZZY_MATCH"].evidence == {"matches": ["xanex → xanax"]}


def test_two_benzodiazepines_raise_one_flag_naming_both() -> None:
    result = screen("Xanax 1mg", "Klonopin 0.5 mg")

    assert result.codes.count("MED_BENZODIAZEPINE") == 1
    assert result.flags[0].evidence == {"medications": ["Xanax 1mg", "Klonopin 0.5 mg"]}


def test_multiple_depressants_evidence_lists_the_medications_and_their_classes() -> None:
    result = screen("Xanax", "Norco", "Zoloft")

    flag = next(flag for flag in result.flags if flag.code == "MED_CNS_DEPRESSANT_MULTIPLE")
    assert flag.evidence == {"medications": ["Xanax", "Norco"], "classes": ["BENZODIAZEPINE", "OPIOID"]}


def test_one_line_naming_two_drugs_fires_both_classes() -> None:
    codes = set(screen("Xanax XR and Norco").codes)

    assert {"MED_BENZODIAZEPINE", "MED_OPIOID", "MED_CNS_DEPRESSANT_MULTIPLE"} <= codes


def test_unrecognised_names_are_listed_for_reconciliation_and_do_not_block() -> None:
    result = screen("sona", "Zoloft", "zyrtec")

    assert result.outcome == "ELIGIBLE"
    assert result.flags[0].evidence == {"medications": ["sona", "zyrtec"]}


def test_antidepressants_alone_screen_eligible_with_no_flags() -> None:
    result = screen("Zoloft 50 mg", "sertraline")

    assert (result.outcome, result.flags) == ("ELIGIBLE", ())


@pytest.mark.parametrize(("drug_class", "name"), OTHER_DEPRESSANT_EXAMPLES.items())
def test_each_depressant_example_carries_only_its_own_class(drug_class: str, name: str) -> None:
    assert MATCHER.match(name).classes == {drug_class}
