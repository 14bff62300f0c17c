"""Medication matching as medications.md specifies: normalise, exact n-grams, strip noise, fuzzy."""

import re

import pytest
from rapidfuzz.distance import OSA, DamerauLevenshtein, Levenshtein

from screening.medications import (
    SEED_CSV,
    DictionaryEntry,
    MedicationMatcher,
    read_dictionary_csv,
    seed_matcher,
    strip_noise,
)
from screening.rules import evaluate
from tests.screening.documents import make_document
from tests.services import clinical_spec

# The misspelling table of medications.md: typed, key it resolves to, edits.
MISSPELLINGS = [
    ("xanex", "xanax", 1),
    ("klonapin", "klonopin", 1),
    ("klonopine", "klonopin", 1),
    ("ambian", "ambien", 1),
    ("adderal", "adderall", 1),
    ("adderol", "adderall", 2),
    ("vyvance", "vyvanse", 1),
    ("seroquil", "seroquel", 1),
    ("nardill", "nardil", 1),
    ("lamictel", "lamictal", 1),
    ("gabapenton", "gabapentin", 1),
    ("oxycotin", "oxycontin", 1),
]


@pytest.fixture(scope="module")
def matcher() -> MedicationMatcher:
    return seed_matcher()


def entry(name: str, generic: str, *classes: str) -> DictionaryEntry:
    return DictionaryEntry(name=name, generic=generic, classes=frozenset(classes))


@pytest.mark.parametrize(("typed", "key", "edits"), MISSPELLINGS)
def test_each_misspelling_of_the_spec_resolves_to_its_key_as_a_fuzzy_match(
    matcher: MedicationMatcher, typed: str, key: str, edits: int
) -> None:
    result = matcher.match(typed)
    assert DamerauLevenshtein.distance(typed, key) == edits
    assert result.recognized
    assert result.keys == (key,)
    assert result.fuzzy == ((typed, key),)


def test_a_correctly_spelled_name_is_an_exact_match_without_a_fuzzy_note(matcher: MedicationMatcher) -> None:
    result = matcher.match("OxyContin")
    assert result.keys == ("oxycontin",)
    assert result.classes == {"OPIOID"}
    assert result.fuzzy == ()


def test_the_misspelling_table_is_the_one_in_medications_md() -> None:
    text = clinical_spec("medications.md").read_text(encoding="utf-8")
    table = text.split("Misspelling examples", 1)[1].split("Lines with several drugs", 1)[0]
    rows = re.findall(r"^\| (\w+) \| (\w+) \| (\d)", table, flags=re.MULTILINE)
    spec = [(typed, key, int(edits)) for typed, key, edits in rows if typed != key]
    spec += [("oxycotin", "oxycontin", 1)]  # the last row gives its misspelling in the Edits cell

    assert spec == MISSPELLINGS


@pytest.mark.parametrize(("typed", "key", "edits"), MISSPELLINGS)
def test_each_misspelling_screens_with_its_drugs_class_rule_and_a_fuzzy_note(
    matcher: MedicationMatcher, typed: str, key: str, edits: int
) -> None:
    document = make_document(medications=[{"name": typed, "dose": None, "frequency": None}])
    codes = set(evaluate(document, matcher).codes)
    exact = set(evaluate(make_document(medications=[{"name": key, "dose": None, "frequency": None}]),
                         matcher).codes)

    assert codes == exact | {"MED_FUZZY_MATCH"}
    assert "MED_UNRECOGNIZED" not in codes


NEGATIVE_CONTROLS = ["sona", "zyrtec", "clonidine"]


def test_the_negative_controls_are_those_of_medications_md() -> None:
    text = clinical_spec("medications.md").read_text(encoding="utf-8")
    line = text.split("Negative controls", 1)[1].split("\n", 1)[0]
    assert [re.search(r"`(\w+)`", control).group(1) for control in line.split(";")] == NEGATIVE_CONTROLS


@pytest.mark.parametrize("typed", NEGATIVE_CONTROLS)
def test_the_negative_controls_stay_unrecognised(matcher: MedicationMatcher, typed: str) -> None:
    result = matcher.match(typed)
    assert not result.recognized
    assert (result.keys, result.classes, result.fuzzy) == ((), frozenset(), ())
    document = make_document(medications=[{"name": typed, "dose": None, "frequency": None}])
    assert evaluate(document, matcher).codes == ("MED_UNRECOGNIZED",)


def test_clonidine_is_more_than_two_edits_from_clonazepam() -> None:
    assert DamerauLevenshtein.distance("clonidine", "clonazepam") > 2


def test_keys_under_five_letters_are_never_reached_by_fuzzy_matching(matcher: MedicationMatcher) -> None:
    assert not matcher.match("somma").recognized  # one edit from "soma", which is too short to fuzz


def test_fuzzy_distance_is_true_damerau_levenshtein_not_optimal_string_alignment(
    matcher: MedicationMatcher,
) -> None:
    typed = "axgbapentin"  # "ga" swapped with a letter inserted between: 2 edits, 3 under OSA
    assert (DamerauLevenshtein.distance(typed, "gabapentin"), OSA.distance(typed, "gabapentin")) == (2, 3)
    assert matcher.match(typed).keys == ("gabapentin",)


def test_two_swapped_pairs_are_two_edits_however_many_plain_edits_they_take(
    matcher: MedicationMatcher,
) -> None:
    typed = "agbapetnin"  # "ga" and "nt" swapped: 2 transpositions, 4 Levenshtein edits
    key = "gabapentin"
    assert (DamerauLevenshtein.distance(typed, key), Levenshtein.distance(typed, key)) == (2, 4)
    assert matcher.match(typed).fuzzy == ((typed, "gabapentin"),)


@pytest.mark.parametrize(
    ("typed", "key", "drug_class"),
    [
        ("Theo-24 300mg", "theo 24", "METHYLXANTHINE"),
        ("theo 24", "theo 24", "METHYLXANTHINE"),
        ("MS Contin 15 mg", "ms contin", "OPIOID"),
        ("Lyrica CR", "lyrica cr", "GABAPENTINOID"),
        ("Focalin XR 10mg", "focalin xr", "PSYCHOSTIMULANT"),
        ("Tylenol #3", "tylenol #3", "OPIOID"),
        ("T-Phyl", "t phyl", "METHYLXANTHINE"),
    ],
)
def test_multi_word_names_match_as_whole_token_n_grams(
    matcher: MedicationMatcher, typed: str, key: str, drug_class: str
) -> None:
    result = matcher.match(typed)
    assert result.keys == (key,)
    assert result.classes == {drug_class}
    assert result.fuzzy == ()


def test_one_line_naming_two_drugs_finds_both_in_order(matcher: MedicationMatcher) -> None:
    result = matcher.match("Xanax XR and Norco")
    assert result.keys == ("xanax xr", "norco")
    assert result.classes == {"BENZODIAZEPINE", "OPIOID"}


def test_tokens_used_by_a_longer_key_are_not_matched_again(matcher: MedicationMatcher) -> None:
    assert matcher.match("lamictal xr").keys == ("lamictal xr",)


def test_a_key_must_match_whole_tokens_not_part_of_a_word(matcher: MedicationMatcher) -> None:
    assert matcher.match("somatic").keys == ()


def test_a_recognised_drug_without_a_class_is_recognised_with_no_classes(matcher: MedicationMatcher) -> None:
    result = matcher.match("sertraline 50mg daily")
    assert result.recognized
    assert result.keys == ("sertraline",)
    assert result.classes == frozenset()


def test_a_ratio_dose_does_not_hide_the_drug(matcher: MedicationMatcher) -> None:
    assert matcher.match("Norco 5/325").classes == {"OPIOID"}


def test_doses_numbers_and_route_words_are_stripped_before_fuzzy_matching(matcher: MedicationMatcher) -> None:
    result = matcher.match("Xanex 0.5mg tablet BID prn")
    assert result.fuzzy == (("xanex", "xanax"),)
    assert result.classes == {"BENZODIAZEPINE"}


@pytest.mark.parametrize(
    ("normalised", "left"),
    [
        ("klonapin 0.5 mg bid", "klonapin"),
        ("klonapin 500 μg qhs po", "klonapin"),
        ("klonapin 500µg", "klonapin"),
        ("klonapin 1 g 2 ml 5% 10 units 1 unit", "klonapin"),
        ("norco 5 325 tabs", "norco"),
        ("seroquil er 300mg nightly", "seroquil"),
        ("lamictel odt 25mg tab sl", "lamictel"),
        ("klonapin0.5mg", "klonapin"),
    ],
)
def test_noise_stripping_keeps_only_the_name(normalised: str, left: str) -> None:
    assert strip_noise(normalised) == left


@pytest.mark.parametrize(
    ("typed", "classes"),
    [("Gabapentin600mg", {"GABAPENTINOID"}), ("Xanax0.5mg bid", {"BENZODIAZEPINE"})],
)
def test_a_dose_typed_without_a_space_after_the_name_does_not_hide_the_drug(
    matcher: MedicationMatcher, typed: str, classes: set[str]
) -> None:
    result = matcher.match(typed)
    assert (result.classes, result.fuzzy) == (classes, ())


def test_noise_stripping_happens_only_after_exact_matching_fails(matcher: MedicationMatcher) -> None:
    assert matcher.match("Tylenol 3").classes == {"OPIOID"}
    assert not matcher.match("Tylenol 300 mg").recognized


@pytest.mark.parametrize(
    ("typed", "classes"),
    [
        ("Fiorinal with Codeine", {"BARBITURATE", "OPIOID"}),
        ("Lybalvi", {"OPIOID_ANTAGONIST", "ANTIPSYCHOTIC"}),
        ("olanzapine/samidorphan", {"OPIOID_ANTAGONIST", "ANTIPSYCHOTIC"}),
        ("chlorpromazine", {"OTHER_SEDATIVE", "ANTIPSYCHOTIC"}),
    ],
)
def test_combination_products_carry_every_class(matcher: MedicationMatcher, typed: str, classes: set) -> None:
    assert matcher.match(typed).classes == classes


def test_a_fuzzy_tie_between_names_of_the_same_drug_counts_as_unique(matcher: MedicationMatcher) -> None:
    result = matcher.match("methadoze")  # one edit from both methadone and methadose
    assert result.recognized
    assert result.classes == {"OPIOID"}
    assert result.fuzzy == (("methadoze", "methadone"),)


def test_a_fuzzy_tie_between_different_drugs_is_unrecognised() -> None:
    matcher = MedicationMatcher(
        [entry("calmora", "drug one", "BENZODIAZEPINE"), entry("calmera", "drug two", "OPIOID")]
    )
    result = matcher.match("calmira")
    assert not result.recognized
    assert result.classes == frozenset()


def test_a_fuzzy_tie_between_same_generic_but_different_classes_is_unrecognised() -> None:
    matcher = MedicationMatcher(
        [entry("calmora", "calmine", "BENZODIAZEPINE"), entry("calmera", "calmine", "OPIOID")]
    )
    assert not matcher.match("calmira").recognized


def test_the_closest_key_wins_over_a_farther_one() -> None:
    matcher = MedicationMatcher([entry("calmorane", "one", "OPIOID"), entry("calmerine", "two", "MAOI")])
    assert matcher.match("calmorene").keys == ("calmorane",)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Seroquel®", "seroquel"),
        ("Xanax™ 1mg", "xanax"),  # NFKC alone would leave the letters "tm"
        ("*Ambien*", "ambien"),
        ("ＸＡＮＡＸ", "xanax"),  # full-width letters
        ("ﬁoricet", "fioricet"),  # the "fi" ligature
        ("  Lyrica,   CR ", "lyrica cr"),
        ("buprenorphine-naloxone", "buprenorphine naloxone"),
    ],
)
def test_normalisation_removes_symbols_and_applies_nfkc(
    matcher: MedicationMatcher, typed: str, key: str
) -> None:
    assert matcher.match(typed).keys == (key,)


def test_normalise_joins_a_known_hyphenated_key_and_spaces_separators(matcher: MedicationMatcher) -> None:
    assert matcher.normalize("Theo-24 (200 mg); ONCE/day") == "theo 24 200 mg once day"


def test_a_repeated_string_keeps_what_the_patient_typed(matcher: MedicationMatcher) -> None:
    first, second = matcher.match("XANAX"), matcher.match("xanax")
    assert (first.text, second.text) == ("XANAX", "xanax")
    assert first.keys == second.keys == ("xanax",)


def test_empty_or_blank_text_is_unrecognised(matcher: MedicationMatcher) -> None:
    assert not matcher.match("").recognized
    assert not matcher.match("  ®  ").recognized


def test_a_name_listed_twice_keeps_every_class() -> None:
    matcher = MedicationMatcher([entry("Calmora", "x", "OPIOID"), entry("calmora", "x", "MAOI")])
    assert matcher.match("calmora").classes == {"OPIOID", "MAOI"}


def test_the_seed_dictionary_reads_split_classes_and_none() -> None:
    entries = {e.name: e for e in read_dictionary_csv(SEED_CSV)}
    lybalvi = entry("lybalvi", "olanzapine + samidorphan", "OPIOID_ANTAGONIST", "ANTIPSYCHOTIC")
    assert entries["lybalvi"] == lybalvi
    assert entries["zoloft"].classes == {"NONE"}
    assert len(entries) == 304


def test_the_committed_dictionary_is_byte_identical_to_the_clinical_spec() -> None:
    assert SEED_CSV.read_bytes() == clinical_spec("medications.csv").read_bytes()


@pytest.mark.parametrize(
    ("typed", "drug_class"),
    [
        ("Ativan.", "BENZODIAZEPINE"),
        ('"Xanax"', "BENZODIAZEPINE"),
        ("xanax?", "BENZODIAZEPINE"),
        ("ambien:10mg", "Z_DRUG"),
        ("lorazepam\u20141mg", "BENZODIAZEPINE"),
        ("oxycodone+apap", "OPIOID"),
    ],
)
def test_punctuation_typed_around_a_name_does_not_hide_the_drug(
    matcher: MedicationMatcher, typed: str, drug_class: str
) -> None:
    assert drug_class in matcher.match(typed).classes


def test_a_decimal_point_in_a_dose_is_not_a_separator(matcher: MedicationMatcher) -> None:
    assert matcher.normalize("Xanax 0.5mg.") == "xanax 0.5mg"
