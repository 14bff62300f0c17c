"""Benchmark: the review queue page's server time and query count at 100, 10,000 and 100,000 cases.

Make one PostgreSQL database per size first (the clinic role may create databases), for example:

    createdb -h 127.0.0.1 -U clinic bench_queue_100000
    export DEBUG=1 DATABASE_URL=postgres://clinic:clinic@127.0.0.1:5432/bench_queue_100000
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py loaddemo --cases 100000

Run: DEBUG=1 .venv/bin/python bench/queue.py [--requests N] [--explain] URL_100 URL_10000 URL_100000
Each database is measured in a process of its own: the demo clinician asks for the first page, a page
filtered by a flag code (a common one and a rare one) and by a name (common and rare), after warm-up
requests. Server time is the wall time of the whole request inside Django (middleware, selector,
template, the access log's insert), without the network. Goal: at 100,000 cases no more than 2x the time
at 100, with the same query count. --explain prints the plans of the rows and count queries.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, Python puts bench/ first on the path, where this file would shadow the standard
# library's queue module: the repository root takes its place.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

CLINICIAN = "clinician@demo.clinic"
WARMUP = 3
ROW_MARK = b'<th scope="row"'  # each case's first cell in the queue's table
GOAL_RATIO = 2
SCENARIOS = {
    "first page": {},
    "flag, common": {"flag_code": "CARDIO_BP_ELEVATED"},
    "flag, rare": {"flag_code": "ALLERGY_KETAMINE"},
    "name search": {"q": "garcia"},
    "name, no match": {"q": "zzyzx"},
}


def measure(requests: int, explain: bool) -> dict:
    """Figures for the database in DATABASE_URL: cases, and per scenario p50/p95 ms and query count."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import User
    from patients.models import Intake
    from tests.second_factor import force_login_verified

    client = force_login_verified(Client(HTTP_HOST="127.0.0.1"), User.objects.get(email=CLINICIAN))
    url = reverse("review:queue")
    figures = {"cases": Intake.objects.exclude(status=Intake.Status.DRAFT).count(), "scenarios": {}}
    for name, params in SCENARIOS.items():
        times = [timed_get(client, url, params) for _ in range(WARMUP + requests)][WARMUP:]
        with CaptureQueriesContext(connection) as captured:
            rows = client.get(url, params).content.count(ROW_MARK)
        figures["scenarios"][name] = {
            "p50": statistics.median(times) * 1000, "p95": percentile(times, 95) * 1000,
            "queries": len(captured), "rows": rows,
            "plans": plans(connection, captured.captured_queries) if explain else [],
        }
    return figures


def timed_get(client: object, url: str, params: dict) -> float:
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"GET {url} {params} answered {response.status_code}")
    return elapsed


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def plans(connection: object, queries: list[dict]) -> list[str]:
    """EXPLAIN ANALYZE of the queue's queries on intakes (the rows and the capped count)."""
    found = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and '"patients_intake"' in sql and "django_session" not in sql:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
                found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


def run_child(url: str, requests: int, explain: bool) -> dict:
    """Measure one database in a fresh process (Django reads DATABASE_URL once, at start-up)."""
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": os.environ.get("DEBUG", "1")}
    args = [sys.executable, __file__, "--child", "--requests", str(requests)]
    args += ["--explain"] if explain else []
    done = subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: list[dict]) -> None:
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (it slows wall times)")
    print(f"{'scenario':16s} {'cases':>8s} {'rows':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'queries':>8s}")
    for name in SCENARIOS:
        for result in results:
            row = result["scenarios"][name]
            print(f"{name:16s} {result['cases']:8,d} {row['rows']:5d} {row['p50']:8.1f} {row['p95']:8.1f} "
                  f"{row['queries']:8d}")
    smallest, largest = results[0], results[-1]
    for name in SCENARIOS:
        small, large = smallest["scenarios"][name], largest["scenarios"][name]
        ratio = large["p50"] / small["p50"]
        same = "same query count" if small["queries"] == large["queries"] else "DIFFERENT query count"
        verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
        print(f"{name}: p50 at {largest['cases']:,} is {ratio:.2f}x that at {smallest['cases']:,} "
              f"(goal <= {GOAL_RATIO}x: {verdict}); {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="one PostgreSQL URL per size, smallest first")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.requests, args.explain)))
        return
    if not args.urls:
        parser.error("give at least one database URL")
    results = [run_child(url, args.requests, args.explain) for url in args.urls]
    report(results)
    for result in results if args.explain else []:
        for name, row in result["scenarios"].items():
            for plan in row["plans"]:
                print(f"\n--- {name}, {result['cases']:,} cases ---\n{plan}")


if __name__ == "__main__":
    main()
