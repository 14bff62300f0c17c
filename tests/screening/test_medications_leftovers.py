"""Medicines 2026.2 (medications.md): more separators, the words left over after a line's exact hits
matched too, connector and purpose words never unrecognised, and the table of lines naming several drugs."""

import re

import pytest

from screening.medications import CONNECTOR_WORDS, DictionaryEntry, MedicationMatcher, seed_matcher
from screening.rules import ScreeningResult, evaluate
from tests.screening.documents import make_document
from tests.services import clinical_spec

MATCHER = seed_matcher()


def screen(*names: str) -> ScreeningResult:
    return evaluate(make_document(medications=[{"name": n, "dose": None, "frequency": None} for n in names]),
                    MATCHER)


def medications_md() -> str:
    return clinical_spec("medications.md").read_text(encoding="utf-8")


# medications.md, "Lines with several drugs (2026.2)": input, keys found (fuzzy ones marked), flags.
SEVERAL_DRUGS = [
    pytest.param(
        "xanax and oxycotin", ("xanax", "oxycontin"), (("oxycotin", "oxycontin"),), (),
        {"MED_BENZODIAZEPINE", "MED_OPIOID", "MED_FUZZY_MATCH", "MED_CNS_DEPRESSANT_MULTIPLE"},
        id="a misspelt opioid after a benzodiazepine",
    ),
    pytest.param(
        "Xanax XR and Norco 5/325", ("xanax xr", "norco"), (), (),
        {"MED_BENZODIAZEPINE", "MED_OPIOID", "MED_CNS_DEPRESSANT_MULTIPLE"},
        id="two brands with a ratio dose",
    ),
    pytest.param(
        "lorazepam and ashwagandha", ("lorazepam",), (), ("ashwagandha",),
        {"MED_BENZODIAZEPINE", "MED_UNRECOGNIZED"},
        id="an unknown word beside a known drug",
    ),
    pytest.param(
        "sertraline 100 mg daily for sleep", ("sertraline",), (), (), set(),
        id="dose, frequency and purpose words",
    ),
    pytest.param("Ativan.", ("ativan",), (), (), {"MED_BENZODIAZEPINE"}, id="a full stop after the name"),
    pytest.param("oxycodone+apap", ("oxycodone apap",), (), (), {"MED_OPIOID"}, id="a plus sign"),
    pytest.param(
        "Ativan. / oxycodone+apap", ("ativan", "oxycodone apap"), (), (),
        {"MED_BENZODIAZEPINE", "MED_OPIOID", "MED_CNS_DEPRESSANT_MULTIPLE"},
        id="both on one line",
    ),
]


@pytest.mark.parametrize(("typed", "keys", "fuzzy", "leftovers", "codes"), SEVERAL_DRUGS)
def test_each_line_of_the_several_drugs_table_finds_every_drug_and_fires_its_flags(
    typed: str, keys: tuple, fuzzy: tuple, leftovers: tuple, codes: set[str]
) -> None:
    match = MATCHER.match(typed)

    assert (match.keys, match.fuzzy, match.leftovers, match.recognized) == (keys, fuzzy, leftovers, True)
    assert set(screen(typed).codes) == codes


def test_the_several_drugs_table_is_the_one_in_medications_md() -> None:
    table = medications_md().split("Lines with several drugs", 1)[1].split("Negative controls", 1)[0]
    inputs = re.findall(r"^\| (?!Input |---)([^|]+?) \|", table, flags=re.MULTILINE)
    tested = {param.values[0] for param in SEVERAL_DRUGS}

    assert inputs == [
        "xanax and oxycotin", "Xanax XR and Norco 5/325", "lorazepam and ashwagandha",
        "sertraline 100 mg daily for sleep", "Ativan. / oxycodone+apap",
    ]
    assert set(inputs) <= tested
    assert {"Ativan.", "oxycodone+apap"} <= tested  # the last row read as two examples as well as one line


def test_the_unknown_word_is_shown_with_its_line_and_whole_unknown_lines_separately() -> None:
    flag = next(flag for flag in screen("lorazepam and ashwagandha", "sona").flags
                if flag.code == "MED_UNRECOGNIZED")

    assert flag.evidence == {
        "medications": ["sona"],
        "words": ['"ashwagandha" in "lorazepam and ashwagandha"'],
    }


def test_the_opioid_misspelt_after_a_benzodiazepine_is_flagged_with_its_match() -> None:
    flags = {flag.code: flag for flag in screen("xanax and oxycotin").flags}

    assert flags["MED_OPIOID"].evidence == {"medications": ["xanax and oxycotin"]}
    assert flags["MED_FUZZY_MATCH"].evidence == {"matches": ["oxycotin → oxycontin"]}
    assert flags["MED_CNS_DEPRESSANT_MULTIPLE"].evidence == {
        "medications": ["xanax and oxycotin"], "classes": ["BENZODIAZEPINE", "OPIOID"],
    }


# medications.md step 1 (2026.2): / , ; ( ) - . : + " ' ? ! & _ and the en and em dashes separate.
SEPARATORS = ["/", ",", ";", "(", ")", "-", ".", ":", "+", '"', "'", "?", "!", "&", "_", "\u2013", "\u2014"]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_each_separator_of_the_spec_splits_two_drug_names(separator: str) -> None:
    match = MATCHER.match(f"Xanax{separator}Norco")

    assert match.keys == ("xanax", "norco")
    assert match.classes == {"BENZODIAZEPINE", "OPIOID"}
    assert (match.fuzzy, match.leftovers) == ((), ())


@pytest.mark.parametrize("separator", SEPARATORS)
def test_each_separator_typed_around_a_name_is_not_part_of_it(separator: str) -> None:
    assert MATCHER.match(f"{separator}Ativan{separator}").keys == ("ativan",)


def test_the_separator_list_is_the_one_in_medications_md() -> None:
    step = re.search(r"Turn `([^`]+)` and the en and em dashes into spaces", medications_md())

    assert step is not None
    assert step.group(1).split() + ["\u2013", "\u2014"] == SEPARATORS


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [("Xanax 0.5mg.", "xanax 0.5mg"), ("klonopin 1.5 mg", "klonopin 1.5 mg"), ("v.1.5", "v 1.5")],
)
def test_a_full_stop_between_two_digits_stays_a_decimal_point(typed: str, normalised: str) -> None:
    assert MATCHER.normalize(typed) == normalised


def test_a_decimal_dose_stays_one_dose_and_is_stripped_whole() -> None:
    match = MATCHER.match("klonapin 0.5mg and xanax")

    assert (match.keys, match.fuzzy) == (("xanax", "klonopin"), (("klonapin", "klonopin"),))
    assert match.leftovers == ()


@pytest.mark.parametrize(
    "typed",
    ["Xanax\u2019s", "\u201cXanax\u201d", "\u2018Xanax\u2019", "Xanax\u2010Norco", "Xanax\u2011Norco"],
    ids=["curly apostrophe", "curly double quotes", "curly single quotes", "hyphen", "no-break hyphen"],
)
def test_typographic_quotes_and_hyphens_that_phones_type_separate_like_the_plain_ones(typed: str) -> None:
    assert "xanax" in MATCHER.match(typed).keys


def test_a_typographic_hyphen_still_joins_a_known_hyphenated_key() -> None:
    assert MATCHER.match("Theo\u201024").keys == ("theo 24",)


def test_the_connector_words_are_exactly_those_of_medications_md() -> None:
    listed = re.search(r"never count as unrecognized: `([^`]+)`", medications_md())

    assert listed is not None
    assert set(listed.group(1).split(", ")) == CONNECTOR_WORDS


@pytest.mark.parametrize("word", sorted(CONNECTOR_WORDS))
def test_a_connector_or_purpose_word_beside_a_drug_is_never_unrecognised(word: str) -> None:
    match = MATCHER.match(f"Xanax {word}")

    assert (match.keys, match.fuzzy, match.leftovers) == (("xanax",), (), ())
    assert "MED_UNRECOGNIZED" not in screen(f"Xanax {word}").codes


def test_a_leftover_of_only_connectors_and_noise_leaves_the_line_done() -> None:
    match = MATCHER.match("Xanax one half tab at bedtime as needed for anxiety and sleep")

    assert (match.keys, match.fuzzy, match.leftovers) == (("xanax",), (), ())


def test_a_word_not_in_the_connector_list_still_counts_beside_a_drug() -> None:
    assert MATCHER.match("Xanax twice daily").leftovers == ("twice",)


def test_a_line_of_only_connector_words_names_no_drug_and_is_unrecognised() -> None:
    match = MATCHER.match("for sleep")

    assert (match.recognized, match.keys) == (False, ())
    assert screen("for sleep").flags[0].evidence == {"medications": ["for sleep"]}


def test_leftovers_are_stripped_of_noise_and_matched_exactly_again() -> None:
    # "ms contin" is only a whole n-gram once the dose between its words is gone.
    assert MATCHER.match("xanax and MS 15mg Contin bid").keys == ("xanax", "ms contin")


def test_a_leftover_is_fuzzy_matched_after_its_dose_is_stripped() -> None:
    match = MATCHER.match("Norco 5/325 and gabapenton 300mg tid")

    assert match.keys == ("norco", "gabapentin")
    assert match.fuzzy == (("gabapenton", "gabapentin"),)
    assert match.classes == {"OPIOID", "GABAPENTINOID"}


@pytest.mark.parametrize(
    ("typed", "leftovers"),
    [
        ("xanax zyrtec", ("zyrtec",)),
        ("xanax and vit d", ()),  # words under five letters do not count beside a known drug
        ("xanax abc123x", ()),  # nor words with digits
        ("xanax ashwagandha ashwagandha melatonin", ("ashwagandha", "melatonin")),
    ],
)
def test_only_alphabetic_leftovers_of_five_letters_or_more_count_as_unrecognised(
    typed: str, leftovers: tuple
) -> None:
    match = MATCHER.match(typed)

    assert (match.recognized, match.leftovers) == (True, leftovers)
    assert ("MED_UNRECOGNIZED" in screen(typed).codes) is bool(leftovers)


def test_a_leftover_with_a_fuzzy_tie_between_different_drugs_counts_as_unrecognised() -> None:
    matcher = MedicationMatcher([
        DictionaryEntry("calmora", "drug one", frozenset({"BENZODIAZEPINE"})),
        DictionaryEntry("calmera", "drug two", frozenset({"OPIOID"})),
        DictionaryEntry("norco", "hydrocodone", frozenset({"OPIOID"})),
    ])
    match = matcher.match("norco and calmira")

    assert (match.keys, match.fuzzy, match.leftovers) == (("norco",), (), ("calmira",))


@pytest.mark.parametrize(
    ("typed", "asks"),
    [
        ("Xanax 1mg", False),
        ("sertraline 100 mg daily for sleep", False),
        ("xanex", True),
        ("xanax and oxycotin", True),
        ("lorazepam and ashwagandha", True),
        ("sona", True),
    ],
)
def test_a_line_needs_the_patients_confirmation_when_a_guess_or_an_unknown_word_is_in_it(
    typed: str, asks: bool
) -> None:
    assert MATCHER.match(typed).needs_confirmation is asks

