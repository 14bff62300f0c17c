"""Medicine names the patient confirms (patients.steps.medicine_names): questions, kept names, the record."""

import pytest

from patients.steps.medicine_names import NameQuestion, kept_name, name_check, name_questions, replace_word
from screening.medications import MedicationMatch, basic_normalize


def match(text: str, keys: tuple = (), fuzzy: tuple = (), leftovers: tuple = ()) -> MedicationMatch:
    return MedicationMatch(text=text, keys=keys, classes=frozenset(), fuzzy=fuzzy, recognized=bool(keys),
                           leftovers=leftovers)


def test_an_exact_name_asks_nothing() -> None:
    assert name_questions(match("Sertraline", keys=("sertraline",))) == ()


def test_each_fuzzy_word_is_asked_about_then_each_unknown_word() -> None:
    line = match("alprazolm and oxycotin and ashwagandha", keys=("alprazolam", "oxycontin"),
                 fuzzy=(("alprazolm", "alprazolam"), ("oxycotin", "oxycontin")), leftovers=("ashwagandha",))
    assert name_questions(line) == (
        NameQuestion("alprazolm", "alprazolam"), NameQuestion("oxycotin", "oxycontin"),
        NameQuestion("ashwagandha", None),
    )


def test_a_line_nothing_matched_is_asked_about_as_a_whole() -> None:
    whole = NameQuestion("Grandma's tonic", None, whole_name=True)
    assert name_questions(match("Grandma's tonic")) == (whole,)


@pytest.mark.parametrize(
    ("typed", "word", "kept"),
    [
        ("Sertrline 50mg", "sertrline", "sertraline 50mg"),
        ("SERTRLINE", "sertrline", "sertraline"),
        ("sertrline, then sertrline again", "sertrline", "sertraline, then sertraline again"),
        ("\uff53\uff45\uff52\uff54\uff52\uff4c\uff49\uff4e\uff45", "sertrline", "sertraline"),  # full width
        ("lorazepam/sertrline", "sertrline", "lorazepam/sertraline"),
    ],
)
def test_an_accepted_suggestion_replaces_the_word_it_corrects_and_nothing_else(
    typed: str, word: str, kept: str
) -> None:
    assert replace_word(typed, word, "sertraline", basic_normalize) == kept


def test_a_word_that_cannot_be_found_again_keeps_the_typed_text_and_adds_the_suggestion() -> None:
    assert replace_word("sert-rline", "sertrline", "sertraline", basic_normalize) == "sert-rline (sertraline)"


def test_only_accepted_suggestions_change_the_name() -> None:
    questions = (NameQuestion("alprazolm", "alprazolam"), NameQuestion("oxycotin", "oxycontin"),
                 NameQuestion("ashwagandha", None))
    answers = ["use", "keep", "keep"]
    assert kept_name("Alprazolm + oxycotin + ashwagandha", questions, answers, basic_normalize) == (
        "alprazolam + oxycotin + ashwagandha"
    )


def test_the_clinician_reads_what_was_typed_what_was_kept_and_each_answer() -> None:
    row = {"name": "sertraline and ashwagandha", "dose": None, "frequency": None, "name_check": {
        "typed": "Sertrline and ashwagandha",
        "questions": [{"word": "sertrline", "suggestion": "sertraline", "answer": "use"},
                      {"word": "ashwagandha", "suggestion": None, "answer": "keep"}],
    }}
    check = name_check(row)
    assert (check.typed, check.kept) == ("Sertrline and ashwagandha", "sertraline and ashwagandha")
    assert check.suggestions_used == ("sertraline",)
    assert [question["answer"] for question in check.questions] == ["use", "keep"]
    assert name_check({"name": "Lithium", "dose": None, "frequency": None}) is None
