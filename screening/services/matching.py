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
    fingerprint: Fingerprint | None = None
    matcher: MedicationMatcher | None = None


# One matcher per process: building it takes milliseconds, but screening a batch must not rebuild it.
_built = _BuiltMatcher()


def dictionary_fingerprint() -> Fingerprint:
    """Row count and latest edit of the dictionary: changes whenever a name is added, edited or deleted."""
    summary = MedicationName.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return summary["count"], summary["changed"]


def active_entries() -> list[DictionaryEntry]:
    """The active dictionary rows as matcher entries."""
    rows = MedicationName.objects.filter(is_active=True).order_by("name")
    return [DictionaryEntry(row.name, row.generic, row.class_set) for row in rows]


def get_matcher() -> MedicationMatcher:
    """A matcher over the active dictionary; rebuilt only when the table has changed since the last call."""
    fingerprint = dictionary_fingerprint()
    if _built.matcher is None or _built.fingerprint != fingerprint:
        _built.matcher, _built.fingerprint = MedicationMatcher(active_entries()), fingerprint
    return _built.matcher


def screen_document(document: Mapping, *, matcher: MedicationMatcher | None = None) -> Evaluation:
    """The rules' verdict on one intake document; raises InvalidDocument listing every bad field."""
    check_document(document)
    return evaluate(document, matcher or get_matcher())
