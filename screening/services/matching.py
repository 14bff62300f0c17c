"""The medication matcher built from the clinic's dictionary, and screening of one document."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max

from screening.document import check_document
from screening.medications import DictionaryEntry, MedicationMatcher
from screening.models import MedicationName
from screening.rules import ScreeningResult as Evaluation
from screening.rules import evaluate

Fingerprint = tuple[int, datetime | None]


@dataclass
class _BuiltMatcher:
    # One attribute, replaced whole, so a thread never pairs one build's matcher with another's fingerprint.
    current: tuple[Fingerprint, MedicationMatcher] | None = None


# One matcher per process: building it takes milliseconds, but screening a batch must not rebuild it.
_built = _BuiltMatcher()


def dictionary_fingerprint() -> Fingerprint:
    """Row count and latest edit of the dictionary: changes whenever a name is added, edited or deleted."""
    summary = MedicationName.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return summary["count"], summary["changed"]


def format_fingerprint(fingerprint: Fingerprint) -> str:
    """The fingerprint as ScreeningResult.dictionary_version stores it: "412:2026-06-15T09:00:00+00:00"."""
    count, changed = fingerprint
    return f"{count}:{changed.isoformat() if changed else ''}"


def current_dictionary_version() -> str:
    """The current dictionary's version string, to compare with ScreeningResult.dictionary_version."""
    return format_fingerprint(dictionary_fingerprint())


def active_entries() -> list[DictionaryEntry]:
    """The active dictionary rows as matcher entries."""
    rows = MedicationName.objects.filter(is_active=True).order_by("name")
    return [DictionaryEntry(row.name, row.generic, row.class_set) for row in rows]


def versioned_matcher() -> tuple[MedicationMatcher, str]:
    """The matcher over the active dictionary and its version; rebuilt only when the table has changed."""
    # The fingerprint is read before the rows, so a concurrent edit can only make the version look older
    # than the matcher, which costs one extra check on the next re-screening run, never a missed one.
    fingerprint = dictionary_fingerprint()
    built = _built.current
    if built is None or built[0] != fingerprint:
        built = _built.current = (fingerprint, MedicationMatcher(active_entries()))
    return built[1], format_fingerprint(fingerprint)


def get_matcher() -> MedicationMatcher:
    """A matcher over the active dictionary; rebuilt only when the table has changed since the last call."""
    return versioned_matcher()[0]


def screen_document(document: Mapping, *, matcher: MedicationMatcher | None = None) -> Evaluation:
    """The rules' verdict on one intake document; raises InvalidDocument listing every bad field."""
    check_document(document)
    return evaluate(document, matcher or get_matcher())
