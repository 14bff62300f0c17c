"""Benchmark: screening 10,000 varied intake documents against parsing them from JSON.

Run: DEBUG=1 .venv/bin/python bench/screening.py [--count N] [--seed S] [--no-command]
Goal: the first pass of `evaluate` costs at most 4x the JSON parse of the same documents; 10x is the limit.
Times are CPU seconds of this process (time.process_time), best of several runs, so that other work on
a shared machine does not count. Then `manage.py screen` runs once on the same documents as a user runs
it, under GNU time (/usr/bin/time): wall time and peak memory of that process.
"""

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Run as a script, Python puts bench/ first on the path, where this file would shadow the screening
# package; the repository root goes in front of it.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screening.document import ENUMS, validate_document  # noqa: E402
from screening.medications import SEED_CSV, read_dictionary_csv, seed_matcher  # noqa: E402
from screening.rules import evaluate  # noqa: E402
from tests.screening.documents import BASELINE  # noqa: E402

GNU_TIME = "/usr/bin/time"
GOAL_RATIO = 4
LIMIT_RATIO = 10
REPEATS = 5
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
    """Change a few enum and list answers away from the clean baseline, following the intake's branching."""
    for field in PLAIN_ENUMS:
        if rng.random() < CHANGE_RATE:
            document[field] = rng.choice(ENUMS[field])
    for field in LIST_ENUMS:
        if rng.random() < CHANGE_RATE * 2:
            document[field] = rng.sample(ENUMS[field], rng.randint(1, 2))
    follow_pregnancy_branch(document, rng)


def follow_pregnancy_branch(document: dict, rng: random.Random) -> None:
    """The pregnancy questions are "not_applicable" exactly when the patient cannot become pregnant."""
    for field in ("pregnancy_status", "planning_pregnancy_12mo"):
        if document["can_become_pregnant"] == "no":
            document[field] = "not_applicable"
        elif document[field] == "not_applicable":
            document[field] = rng.choice([value for value in ENUMS[field] if value != "not_applicable"])


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
    """CPU seconds one run takes, with the cyclic GC paused as timeit does, so heap size does not skew it."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        run()
        return time.process_time() - started
    finally:
        gc.enable()


def best_of(repeats: int, run: Callable[[], object], setup: Callable[[], object] = lambda: None) -> float:
    """The fastest of several runs, in seconds; `setup` runs before each, untimed, and is passed in."""
    fastest = float("inf")
    for _ in range(repeats):
        prepared = setup()
        fastest = min(fastest, timed(lambda prepared=prepared: run(prepared)))
    return fastest


def measure(text: str) -> dict[str, float]:
    """µs per document for parsing, validating and screening (first pass and with the matcher warm)."""
    parsed = json.loads(text)
    per_doc = 1e6 / len(parsed)
    matcher = seed_matcher()
    results = [evaluate(document, matcher) for document in parsed]
    return {
        "parse": best_of(REPEATS, lambda _: json.loads(text)) * per_doc,
        "validate": best_of(REPEATS, lambda _: [validate_document(d) for d in parsed]) * per_doc,
        # A fresh matcher each time: its cache is cold, as for documents it has never seen.
        "first": best_of(REPEATS, lambda cold: [evaluate(d, cold) for d in parsed], seed_matcher) * per_doc,
        "warm": best_of(REPEATS, lambda _: [evaluate(document, matcher) for document in parsed]) * per_doc,
        "to_dict": best_of(REPEATS, lambda _: [result.to_dict() for result in results]) * per_doc,
    }


def invalid_documents(documents: list[dict]) -> list[str]:
    """The problems of every invalid document, "[index] message"; the benchmark screens only valid ones."""
    return [f"[{i}] {error}" for i, document in enumerate(documents) for error in validate_document(document)]


def describe(documents: list[dict]) -> str:
    """How many documents, how big, how many are invalid (must be 0), and what they screen to."""
    matcher = seed_matcher()
    results = [evaluate(document, matcher) for document in documents]
    invalid = sum(1 for document in documents if validate_document(document))
    outcomes = dict(sorted(Counter(str(result.outcome) for result in results).items()))
    flags = sum(len(result.flags) for result in results) / len(documents)
    size = len(json.dumps(documents)) / len(documents)
    return (
        f"{len(documents):,} documents, {size:,.0f} bytes of JSON each; invalid documents: {invalid}\n"
        f"outcomes: {outcomes}; {flags:.2f} flags per document"
    )


def run_screen_command(text: str) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak memory (MB) of `manage.py screen FILE` on these documents.

    GNU time reports the peak: a child forked from this process would count this process's own memory,
    because Linux carries the peak over an exec.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        run = subprocess.run(
            [GNU_TIME, "-f", "%e %U %S %M", sys.executable, "manage.py", "screen", handle.name], cwd=ROOT,
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "DEBUG": os.environ.get("DEBUG", "1")},
        )
    wall, user, system, peak_kib = run.stderr.split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-command", action="store_true", help="skip timing manage.py screen")
    args = parser.parse_args()

    documents = make_documents(args.count, args.seed)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (it slows wall times)")
    print(describe(documents))
    problems = invalid_documents(documents)
    if problems:
        sys.exit("the generator made invalid documents, so nothing was measured:\n" + "\n".join(problems[:5]))
    text = json.dumps(documents)
    figures = measure(text)
    parse = figures["parse"]
    print(f"json.loads (whole batch)        {parse:8.1f} µs/document")
    for label, key in (
        ("validate_document", "validate"),
        ("evaluate, first pass", "first"),
        ("evaluate, matcher cache warm", "warm"),
        ("result.to_dict", "to_dict"),
    ):
        print(f"{label:31s} {figures[key]:8.1f} µs/document  ({figures[key] / parse:.1f}x parse)")
    ratio = figures["first"] / parse
    print(f"goal (first pass <= {GOAL_RATIO}x parse): {'met' if ratio <= GOAL_RATIO else 'NOT met'}; "
          f"limit ({LIMIT_RATIO}x): {'met' if ratio <= LIMIT_RATIO else 'EXCEEDED'}")
    if not args.no_command and Path(GNU_TIME).exists():
        wall, cpu, peak = run_screen_command(text)
        print(f"manage.py screen, {len(documents):,} documents in one call: {wall:.1f} s wall "
              f"({cpu:.1f} s CPU), {peak:.0f} MB peak")
    elif not args.no_command:
        print(f"manage.py screen not timed: {GNU_TIME} (GNU time) is missing")


if __name__ == "__main__":
    main()
