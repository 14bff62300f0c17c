"""Benchmark: screening 10,000 varied intake documents against parsing them from JSON.

Run: DEBUG=1 .venv/bin/python bench/screening.py [--count N] [--seed S]
Goal: screening costs at most 10x the JSON parse of the same documents.
"""

import argparse
import gc
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Run as a script, Python puts bench/ first on the path, where this file would shadow the screening
# package; the repository root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screening.document import ENUMS, validate_document  # noqa: E402
from screening.medications import SEED_CSV, read_dictionary_csv, seed_matcher  # noqa: E402
from screening.rules import ScreeningResult, evaluate  # noqa: E402
from tests.screening.documents import BASELINE  # noqa: E402

GOAL_RATIO = 10
REPEATS = 3
CHANGE_RATE = 0.05  # chance that any one answer differs from the clean baseline
NOT_DRUGS = ("vitamin d", "fish oil", "zyrtec", "sona", "my blue pill", "clonidine 0.1 mg", "melatonin")
DOSES = ("", " 1mg", " 0.5 mg", " 50 mg daily", " 10mg bid", " 5/325 prn", " XR 20 mg", " 100 mg qhs")
PLAIN_ENUMS = [
    field
    for field, choices in ENUMS.items()
    if not field.startswith("cssrs_") and isinstance(BASELINE.get(field), str) and len(choices) > 1
]
LIST_ENUMS = [field for field in ENUMS if isinstance(BASELINE.get(field), list) and field != "medications"]


def misspell(name: str, rng: random.Random) -> str:
    """One typing slip: a letter dropped, doubled, swapped with the next, or replaced by a vowel."""
    at = rng.randrange(1, len(name) - 1)
    slips = (
        name[:at] + name[at + 1 :],
        name[:at] + name[at] + name[at:],
        name[:at] + name[at + 1] + name[at] + name[at + 2 :],
        name[:at] + rng.choice("aeiou") + name[at + 1 :],
    )
    return rng.choice(slips)


def medication(rng: random.Random, names: list[str]) -> dict:
    """A medication line as a patient types it: a dictionary name, a misspelling or something unknown."""
    roll = rng.random()
    if roll < 0.7:
        text = rng.choice(names).title() + rng.choice(DOSES)
    elif roll < 0.85:
        text = misspell(rng.choice([name for name in names if len(name) >= 6]), rng)
    else:
        text = rng.choice(NOT_DRUGS)
    return {"name": text, "dose": None, "frequency": rng.choice((None, "daily", "as needed"))}


def cssrs_answers(rng: random.Random) -> dict:
    """C-SSRS answers that follow the skip logic, with a few follow-ups left unanswered."""
    q2 = "yes" if rng.random() < 0.12 else "no"
    q6 = "yes" if rng.random() < 0.06 else "no"
    follow_up = ("yes", "no", "no", "no", None)
    return {
        "cssrs_q1": "yes" if q2 == "yes" or rng.random() < 0.1 else "no",
        "cssrs_q2": q2,
        **{f"cssrs_q{n}": rng.choice(follow_up) if q2 == "yes" else None for n in (3, 4, 5)},
        "cssrs_q6": q6,
        "cssrs_q6_past_3_months": rng.choice(follow_up) if q6 == "yes" else None,
    }


def vary_answers(document: dict, rng: random.Random) -> None:
    """Change a few enum and list answers away from the clean baseline."""
    for field in PLAIN_ENUMS:
        if rng.random() < CHANGE_RATE:
            document[field] = rng.choice(ENUMS[field])
    for field in LIST_ENUMS:
        if rng.random() < CHANGE_RATE * 2:
            document[field] = rng.sample(ENUMS[field], rng.randint(1, 2))


def vary_dates_and_vitals(document: dict, rng: random.Random) -> None:
    """intake_date in 2026, ages 16 to 85, a BP reading (or none), and event dates within 3 years."""
    intake = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
    document["intake_date"] = intake.isoformat()
    document["date_of_birth"] = (intake - timedelta(days=rng.randrange(16 * 365, 85 * 365))).isoformat()
    has_reading = rng.random() < 0.85
    document["bp_systolic"] = min(260, max(80, round(rng.gauss(130, 20)))) if has_reading else None
    document["bp_diastolic"] = min(140, max(40, round(rng.gauss(82, 12)))) if has_reading else None
    document["bp_measured_on"] = (
        (intake - timedelta(days=rng.randrange(200))).isoformat() if has_reading else None
    )
    document["bp_source"] = document["bp_source"] if has_reading else None
    for field in ("acs_most_recent_date", "stroke_tia_most_recent_date"):
        document[field] = rng.choice((None, (intake - timedelta(days=rng.randrange(1100))).isoformat()))


def make_documents(count: int, seed: int) -> list[dict]:
    """`count` valid, varied intake documents, the same ones for the same seed."""
    rng = random.Random(seed)
    names = [entry.name for entry in read_dictionary_csv(SEED_CSV)]
    documents = []
    for _ in range(count):
        document = json.loads(json.dumps(BASELINE))
        vary_answers(document, rng)
        vary_dates_and_vitals(document, rng)
        document |= cssrs_answers(rng)
        document["phq9_items"] = [
            rng.choice((0, 1, 2, 3, 3, None if rng.random() < 0.1 else 1)) for _ in range(9)
        ]
        document["gad7_items"] = [rng.randint(0, 3) for _ in range(7)]
        document["medications"] = [medication(rng, names) for _ in range(rng.choice((0, 0, 1, 2, 3, 5)))]
        documents.append(document)
    return documents


def timed(run: Callable[[], object]) -> float:
    """Seconds one run takes, with the cyclic GC paused as timeit does, so heap size does not skew it."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    finally:
        gc.enable()


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of several runs, in seconds."""
    return min(timed(run) for _ in range(repeats))


def measure(text: str) -> dict[str, float]:
    """µs per document for parsing, validating and screening (first pass and with the matcher warm)."""
    parsed = json.loads(text)
    per_doc = 1e6 / len(parsed)
    matcher = seed_matcher()
    results: list[ScreeningResult] = []
    return {
        "first": timed(lambda: results.extend(evaluate(document, matcher) for document in parsed)) * per_doc,
        "parse": best_of(REPEATS, lambda: json.loads(text)) * per_doc,
        "validate": best_of(REPEATS, lambda: [validate_document(document) for document in parsed]) * per_doc,
        "warm": best_of(REPEATS, lambda: [evaluate(document, matcher) for document in parsed]) * per_doc,
        "to_dict": best_of(REPEATS, lambda: [result.to_dict() for result in results]) * per_doc,
    }


def describe(documents: list[dict]) -> str:
    """How many documents, how big, whether all are valid, and what they screen to."""
    matcher = seed_matcher()
    results = [evaluate(document, matcher) for document in documents]
    invalid = sum(1 for document in documents if validate_document(document))
    outcomes = dict(sorted(Counter(str(result.outcome) for result in results).items()))
    flags = sum(len(result.flags) for result in results) / len(documents)
    size = len(json.dumps(documents)) / len(documents)
    return (
        f"{len(documents):,} documents, {size:,.0f} bytes of JSON each, {invalid} invalid\n"
        f"outcomes: {outcomes}; {flags:.2f} flags per document"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    documents = make_documents(args.count, args.seed)
    figures = measure(json.dumps(documents))
    parse = figures["parse"]
    print(describe(documents))
    print(f"json.loads (whole batch)        {parse:8.1f} µs/document")
    for label, key in (
        ("validate_document", "validate"),
        ("evaluate, first pass", "first"),
        ("evaluate, matcher cache warm", "warm"),
        ("result.to_dict", "to_dict"),
    ):
        print(f"{label:31s} {figures[key]:8.1f} µs/document  ({figures[key] / parse:.1f}x parse)")
    verdict = "met" if figures["first"] <= GOAL_RATIO * parse else "NOT met"
    print(f"goal (screening <= {GOAL_RATIO}x parse, first pass): {verdict}")


if __name__ == "__main__":
    main()
