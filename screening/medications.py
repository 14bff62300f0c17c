"""Matching typed medication names to drug classes (medications.md). Pure: no ORM, no settings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MedicationMatch:
    """What one typed medication string resolved to."""

    text: str  # what the patient typed
    keys: tuple[str, ...]  # dictionary keys found, in order
    classes: frozenset[str]  # drug classes, without NONE
    fuzzy: tuple[tuple[str, str], ...]  # (typed token, matched key) for fuzzy hits only
    recognized: bool  # False -> MED_UNRECOGNIZED
