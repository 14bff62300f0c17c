"""Matching typed medication names to drug classes (medications.md). Pure: no ORM, no settings."""

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

SEED_CSV = Path(__file__).resolve().parent / "data" / "medications.csv"
NO_CLASS = "NONE"
MIN_FUZZY_LENGTH = 5
MAX_FUZZY_EDITS = 2
CACHE_SIZE = 8192

# Before NFKC, which would otherwise turn ™ into the letters "TM": ® ™ * are removed, and the typographic
# quotes and hyphens that phones type for ' " - (NFKC keeps them) become those separators, so "Xanax’s"
# or "theo‐24" is read as medications.md step 1 reads "Xanax's" and "theo-24".
_REMOVED_CHARS = str.maketrans("\u2018\u2019\u201c\u201d\u2010\u2011\u2212", "''\"\"---", "®™*")
# medications.md step 1 (2026.2): / , ; ( ) - . : + " ' ? ! & _ and the en and em dashes separate;
# a full stop between digits stays (it is a decimal point in a dose).
_SEPARATORS = re.compile(r"[/,;()\-:+\"'?!&_\u2013\u2014]|(?<!\d)\.|\.(?!\d)")
# NFKC turns the micro sign into Greek mu, so both spellings of microgram are accepted. A dose glued to
# the name ("gabapentin600mg") is still a dose; only a unit glued to a following word is not ("300 gaba").
_DOSE = re.compile(r"(?<![0-9.])\d+(?:\.\d+)?\s*(?:mg|mcg|µg|μg|g|ml|%|units?)(?![a-z0-9])")
_NUMBER_OR_RATIO = re.compile(r"\d+(?:\.\d+)?(?:[:/]\d+(?:\.\d+)?)*")
_NOISE_WORDS = frozenset(
    {
        "qd", "bid", "tid", "qid", "qhs", "prn", "daily", "nightly", "po", "sl", "im", "iv",
        "patch", "tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules",
        "er", "xr", "sr", "cr", "la", "ir", "odt", "dr", "cd", "film", "spray", "solution", "injection",
    }
)
# medications.md step 2 (2026.2): words around a drug's name that never count as unrecognized.
CONNECTOR_WORDS = frozenset(
    {
        "and", "or", "with", "plus", "also", "then", "for", "as", "when", "needed", "take", "taking",
        "each", "every", "morning", "evening", "night", "bedtime", "before", "after", "meals", "sleep",
        "anxiety", "pain", "depression", "mood", "nerves", "about", "around", "times", "weekly", "monthly",
        "half", "one", "two", "three",
    }
)
# medications.md step 6: in a line that also had a hit, only a word this long counts as unrecognized.
MIN_LEFTOVER_LENGTH = 5


@dataclass(frozen=True)
class MedicationMatch:
    """What one typed medication string resolved to."""

    text: str  # what the patient typed
    keys: tuple[str, ...]  # dictionary keys found: exact hits in line order, then those of the leftovers
    classes: frozenset[str]  # drug classes, without NONE
    fuzzy: tuple[tuple[str, str], ...]  # (typed token, matched key) for fuzzy hits only
    recognized: bool  # False: nothing on the line matched -> MED_UNRECOGNIZED with the whole line
    leftovers: tuple[str, ...] = ()  # unmatched words of a line that had a hit -> MED_UNRECOGNIZED

    @property
    def needs_confirmation(self) -> bool:
        """Whether the patient should be asked about this line: a fuzzy guess or an unknown word."""
        return bool(self.fuzzy or self.leftovers or not self.recognized)


@dataclass(frozen=True)
class DictionaryEntry:
    """One row of the medication dictionary: a match key, its generic name and its classes."""

    name: str
    generic: str
    classes: frozenset[str]  # may hold NONE: recognised, but no class


@dataclass(frozen=True)
class _Resolution:
    keys: tuple[str, ...]
    fuzzy: tuple[tuple[str, str], ...]
    leftovers: tuple[str, ...] = ()
    classes: frozenset[str] = frozenset()


def read_dictionary_csv(path: str | Path) -> list[DictionaryEntry]:
    """The entries of a dictionary CSV with columns name, generic, classes (joined with |)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            DictionaryEntry(
                name=row["name"].strip(),
                generic=row["generic"].strip(),
                classes=frozenset(part.strip() for part in row["classes"].split("|") if part.strip()),
            )
            for row in csv.DictReader(handle)
        ]


def seed_matcher() -> "MedicationMatcher":
    """A matcher over the seed dictionary committed in screening/data/medications.csv."""
    return MedicationMatcher(read_dictionary_csv(SEED_CSV))


def basic_normalize(text: str) -> str:
    """® ™ * removed, NFKC, lower case, separators turned into spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text.translate(_REMOVED_CHARS)).lower()
    return " ".join(_SEPARATORS.sub(" ", text).split())


def fuzzy_limit(key: str) -> int:
    """How many edits a fuzzy match to this key may need: 0 (no fuzzy), 1 or 2."""
    if len(key) < MIN_FUZZY_LENGTH:
        return 0
    return 1 if len(key) <= 7 else 2


class MedicationMatcher:
    """Resolves typed medication names against a fixed dictionary, as medications.md specifies."""

    def __init__(self, entries: Iterable[DictionaryEntry]) -> None:
        self._entries: dict[str, DictionaryEntry] = {}
        for entry in entries:
            self._add(entry)
        self._longest = max((len(key.split()) for key in self._entries), default=1)
        self._classes = {key: entry.classes - {NO_CLASS} for key, entry in self._entries.items()}
        # For each n-gram size, the words a key of that size starts with (0: any size), so most n-grams
        # of a line need no lookup at all.
        self._first_words: dict[int, frozenset[str]] = {
            size: frozenset(key.split()[0] for key in self._entries if size in (0, len(key.split())))
            for size in range(self._longest + 1)
        }
        self._hyphenated = self._hyphenated_pattern()
        self._fuzzy_candidates = self._fuzzy_candidates_by_length()
        # Matches are immutable, so the same typed text (the same normalised text) is resolved once.
        self._match = lru_cache(maxsize=CACHE_SIZE)(self._match_uncached)
        self._resolve = lru_cache(maxsize=CACHE_SIZE)(self._resolve_uncached)

    def match(self, text: str) -> MedicationMatch:
        """The keys, classes and fuzzy hits found in one typed medication string."""
        return self._match(text)

    def _match_uncached(self, text: str) -> MedicationMatch:
        resolution = self._resolve(self.normalize(text))
        return MedicationMatch(
            text=text,
            keys=resolution.keys,
            classes=resolution.classes,
            fuzzy=resolution.fuzzy,
            recognized=bool(resolution.keys),
            leftovers=resolution.leftovers,
        )

    def normalize(self, text: str) -> str:
        """Step 1: symbols removed, NFKC, lower case, known hyphenated keys joined, separators spaced."""
        text = unicodedata.normalize("NFKC", text.translate(_REMOVED_CHARS)).lower()
        if self._hyphenated and "-" in text:
            text = self._hyphenated.sub(lambda found: found.group(0).replace("-", " "), text)
        return " ".join(_SEPARATORS.sub(" ", text).split())

    @property
    def entries(self) -> tuple[DictionaryEntry, ...]:
        """The dictionary entries, keyed by their normalised names."""
        return tuple(self._entries.values())

    def _add(self, entry: DictionaryEntry) -> None:
        key = basic_normalize(entry.name)
        if not key:
            return
        known = self._entries.get(key)
        if known is not None:
            # A name listed twice keeps every class it was given: an extra flag is safer than a lost one.
            entry = DictionaryEntry(key, known.generic, known.classes | entry.classes)
        self._entries[key] = DictionaryEntry(key, entry.generic, entry.classes)

    def _hyphenated_pattern(self) -> re.Pattern[str] | None:
        forms = sorted((key.replace(" ", "-") for key in self._entries if " " in key), key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")

    def _fuzzy_candidates_by_length(self) -> dict[int, list[str]]:
        """For each token length, the keys a fuzzy match could reach: no key differs in length by more
        than its own edit limit."""
        keys = sorted(key for key in self._entries if key.isalpha() and fuzzy_limit(key))
        longest = max((len(key) for key in keys), default=0) + MAX_FUZZY_EDITS
        return {
            size: [key for key in keys if abs(len(key) - size) <= fuzzy_limit(key)]
            for size in range(MIN_FUZZY_LENGTH, longest + 1)
        }

    def _resolve_uncached(self, normalized: str) -> _Resolution:
        # Step 2: exact n-grams on the whole line; what no key used goes on through steps 3-6 (2026.2).
        exact, rest = self._exact(normalized.split())
        if not rest:
            return self._resolution(exact, (), ())
        # Step 3: without doses, numbers and route words, the exact match is tried again.
        retried, rest = self._exact(strip_noise(" ".join(rest)).split())
        # Step 4: each remaining word may be a misspelling; connector and purpose words never are.
        words = [token for token in rest if token not in CONNECTOR_WORDS]
        fuzzy = tuple([hit for token in words if (hit := self._fuzzy(token))])
        keys = tuple(dict.fromkeys([*exact, *retried, *[key for _, key in fuzzy]]))
        if not keys:
            return _Resolution((), ())
        matched = {token for token, _ in fuzzy}
        leftovers = tuple(
            token for token in words
            if token not in matched and token.isalpha() and len(token) >= MIN_LEFTOVER_LENGTH
        )
        return self._resolution(keys, fuzzy, tuple(dict.fromkeys(leftovers)))

    def _resolution(
        self, keys: tuple[str, ...], fuzzy: tuple[tuple[str, str], ...], leftovers: tuple[str, ...]
    ) -> _Resolution:
        if len(keys) == 1:
            return _Resolution(keys, fuzzy, leftovers, self._classes[keys[0]])
        return _Resolution(keys, fuzzy, leftovers, frozenset().union(*[self._classes[key] for key in keys]))

    def _exact(self, tokens: list[str]) -> tuple[tuple[str, ...], list[str]]:
        """The keys found as whole-token n-grams, longest first, and the tokens no key used, in order."""
        if self._first_words[0].isdisjoint(tokens):
            return (), tokens  # no key starts with any of these words
        used = [False] * len(tokens)
        found: list[tuple[int, str]] = []
        for size in range(min(self._longest, len(tokens)), 0, -1):
            first_words = self._first_words[size]
            for start in range(len(tokens) - size + 1):
                if tokens[start] not in first_words:
                    continue
                candidate = " ".join(tokens[start : start + size])
                if candidate in self._entries and True not in used[start : start + size]:
                    found.append((start, candidate))
                    used[start : start + size] = [True] * size
        unused = [token for token, taken in zip(tokens, used, strict=True) if not taken]
        return tuple(key for _, key in sorted(found)), unused

    def _fuzzy(self, token: str) -> tuple[str, str] | None:
        if not token.isalpha() or len(token) < MIN_FUZZY_LENGTH:
            return None
        best = self._closest_keys(token)
        if not best:
            return None
        drugs = {(self._entries[key].generic, self._entries[key].classes) for key in best}
        # A tie is only safe when every tied key is the same drug (methadone / methadose).
        return (token, best[0]) if len(drugs) == 1 else None

    def _closest_keys(self, token: str) -> list[str]:
        candidates = self._fuzzy_candidates.get(len(token), ())
        # One Damerau-Levenshtein edit is at most two Levenshtein edits, and Levenshtein is several times
        # faster, so this first pass drops only keys the fuzzy rule could never accept.
        near = process.extract(
            token, candidates, scorer=Levenshtein.distance, score_cutoff=2 * MAX_FUZZY_EDITS, limit=None
        )
        hits = process.extract(
            token, [key for key, _, _ in near], scorer=DamerauLevenshtein.distance,
            score_cutoff=MAX_FUZZY_EDITS, limit=None,
        )
        allowed = [(distance, key) for key, distance, _ in hits if distance <= fuzzy_limit(key)]
        if not allowed:
            return []
        best_distance = min(distance for distance, _ in allowed)
        return sorted(key for distance, key in allowed if distance == best_distance)


def strip_noise(normalized: str) -> str:
    """Step 3: the normalised string without dose amounts, bare numbers, ratios and route words."""
    text = _DOSE.sub(" ", normalized)
    return " ".join(
        token for token in text.split() if token not in _NOISE_WORDS and not _NUMBER_OR_RATIO.fullmatch(token)
    )
