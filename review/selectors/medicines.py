"""Each medicine the patient typed, with what the clinic's dictionary matched it to."""

from collections.abc import Mapping
from dataclasses import dataclass

from screening.medications import MedicationMatcher
from screening.services import get_matcher

NAME_CHECK = "name_check"  # patients.steps.medicine_names.NAME_CHECK: the patient's confirmation


@dataclass(frozen=True)
class MedicineRow:
    typed: str
    dose: str
    frequency: str
    matched: tuple[str, ...]  # generic names of the dictionary entries found
    classes: tuple[str, ...]
    fuzzy: tuple[str, ...]  # "typed → matched" for guesses by spelling
    unrecognized: tuple[str, ...]  # words (or the whole line) nothing matched
    asked_patient: bool  # the patient was shown the doubtful name and confirmed or corrected it

    @property
    def needs_confirmation(self) -> bool:
        """A guess by spelling or an unknown word: the clinician confirms it with the patient."""
        return bool(self.fuzzy or self.unrecognized)


def medicine_rows(answers: Mapping) -> list[MedicineRow]:
    """The medicines as typed, each matched against the current dictionary."""
    matcher = get_matcher()
    generic = {entry.name: entry.generic for entry in matcher.entries}
    return [medicine_row(row, matcher, generic) for row in answers.get("medications") or []]


def medicine_row(row: Mapping, matcher: MedicationMatcher, generic: Mapping[str, str]) -> MedicineRow:
    # A name the patient was asked about ("Did you mean") keeps what they first typed under NAME_CHECK;
    # "name" is what they sent, and what screening matched.
    check = row.get(NAME_CHECK) or {}
    typed = check.get("typed") or row.get("name") or ""
    match = matcher.match(row.get("name") or "")
    return MedicineRow(
        typed=typed, dose=row.get("dose") or "", frequency=row.get("frequency") or "",
        matched=tuple(dict.fromkeys(generic.get(key, key) for key in match.keys)),
        classes=tuple(sorted(match.classes)),
        fuzzy=tuple(f"{token} → {key}" for token, key in match.fuzzy),
        unrecognized=match.leftovers if match.recognized else (row.get("name") or "",),
        asked_patient=bool(check),
    )
