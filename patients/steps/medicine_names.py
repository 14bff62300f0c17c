"""Medicine names the patient confirms: "Did you mean sertraline?", and names the dictionary does not know.

The screening matcher itself decides what to ask (`screening.services.get_matcher`): a word it matched only
by the fuzzy rule, a word it did not know on a line where something else matched, or a whole line it did
not recognise. What the patient keeps is the row's `name`, which is what the rules screen. The typed text
and each answer are kept on the row under NAME_CHECK; the intake document leaves that key out, and the
clinician's pages read it through `name_check`.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from screening.medications import MedicationMatch, MedicationMatcher
from screening.services import get_matcher

NAME_CHECK = "name_check"
USE = "use"  # use the dictionary's name instead of the typed word
KEEP = "keep"  # keep the word as typed
WORD = re.compile(r"[^\W\d_]+")  # a run of letters, as the matcher splits a line into words


@dataclass(frozen=True)
class NameQuestion:
    """One thing to ask about a typed name: a word and the dictionary name it may be, or an unknown word."""

    word: str  # as the matcher read it (lower case); the whole typed name when nothing on it matched
    suggestion: str | None  # the dictionary name of a fuzzy match; None for a name it does not know
    whole_name: bool = False

    def field(self) -> forms.Field:
        """The question as a form field (answered or not, the row decides whether that is an error)."""
        if self.suggestion:
            return forms.ChoiceField(
                label=f"Did you mean {self.suggestion}?", required=False, widget=forms.RadioSelect,
                help_text=f"You typed \u201c{self.word}\u201d.",
                choices=((USE, f"Yes, use {self.suggestion}"), (KEEP, "No, keep what I typed")),
            )
        subject = "this name" if self.whole_name else f"\u201c{self.word}\u201d"
        kept = "the name" if self.whole_name else f"\u201c{self.word}\u201d"
        return forms.MultipleChoiceField(
            label=f"We did not recognise {subject}: check the spelling on the label", required=False,
            widget=forms.CheckboxSelectMultiple, choices=((KEEP, f"Keep {kept} as I typed it"),),
            help_text="If it is spelled differently on the label, correct it in the name above.",
        )

    @property
    def unanswered(self) -> str:
        """The error for this question left unanswered."""
        if self.suggestion:
            return f"Select whether you meant {self.suggestion}"
        subject = "the name" if self.whole_name else f"\u201c{self.word}\u201d"
        return f"Correct {subject}, or tick to keep it as you typed it"

    def as_record(self, answer: str) -> dict[str, Any]:
        return {"word": self.word, "suggestion": self.suggestion, "answer": answer}


def name_questions(match: MedicationMatch) -> tuple[NameQuestion, ...]:
    """What to ask about one typed name: each fuzzy match, then each unknown word, or the unknown name."""
    if not match.needs_confirmation:
        return ()
    if not match.recognized:
        return (NameQuestion(match.text, None, whole_name=True),)
    fuzzy = (NameQuestion(word, key) for word, key in match.fuzzy)
    return (*fuzzy, *(NameQuestion(word, None) for word in match.leftovers))


def kept_name(typed: str, questions: tuple[NameQuestion, ...], answers: list[str],
              normalize: Callable[[str], str]) -> str:
    """The typed name with each accepted suggestion put in place of the word it corrects."""
    name = typed
    for question, answer in zip(questions, answers, strict=True):
        if answer == USE and question.suggestion:
            name = replace_word(name, question.word, question.suggestion, normalize)
    return name


def replace_word(text: str, word: str, replacement: str, normalize: Callable[[str], str]) -> str:
    """`text` with every run of letters that the matcher reads as `word` replaced by `replacement`."""
    def swap(found: re.Match[str]) -> str:
        return replacement if normalize(found.group()) == word else found.group()

    replaced = WORD.sub(swap, text)
    # A word the matcher read across characters that are not letters here (rare): name both, never lose one.
    return replaced if replaced != text else f"{text} ({replacement})"


class NameChecker:
    """Decides what to ask about each typed name of one page, with the screening matcher, built once."""

    def __init__(self, saved_rows: list[Mapping]) -> None:
        # A name the patient already confirmed is not asked about again until they change it.
        self.confirmed = {row["name"]: row[NAME_CHECK] for row in saved_rows if row.get(NAME_CHECK)}
        self._matcher: MedicationMatcher | None = None

    @property
    def matcher(self) -> MedicationMatcher:
        if self._matcher is None:
            self._matcher = get_matcher()
        return self._matcher

    def questions(self, name: str) -> tuple[NameQuestion, ...]:
        """The questions for a typed name; none for one the patient confirmed before."""
        return () if name in self.confirmed else name_questions(self.matcher.match(name))

    def record(self, typed: str, questions: tuple[NameQuestion, ...], answers: list[str]) -> dict[str, Any]:
        """What the patient typed and chose, as stored on the row under NAME_CHECK."""
        chosen = zip(questions, answers, strict=True)
        return {"typed": typed, "questions": [question.as_record(answer) for question, answer in chosen]}


@dataclass(frozen=True)
class NameCheck:
    """How one medicine name was confirmed: what was typed, what was kept, and each question's answer."""

    typed: str
    kept: str
    questions: tuple[dict[str, Any], ...]  # {"word", "suggestion", "answer": "use" | "keep"}

    @property
    def suggestions_used(self) -> tuple[str, ...]:
        return tuple(q["suggestion"] for q in self.questions if q["answer"] == USE)


def name_check(row: Mapping) -> NameCheck | None:
    """How the patient confirmed this medicine row's name, or None when nothing needed asking."""
    record = row.get(NAME_CHECK)
    if not record:
        return None
    return NameCheck(typed=record["typed"], kept=row["name"], questions=tuple(record["questions"]))
