"""Benchmark: the review queue page's server time and query count at 100, 10,000 and 100,000 cases.

Make one PostgreSQL database per size first (the clinic role may create databases), for example:

    createdb -h 127.0.0.1 -U clinic bench_queue_100000
    export DEBUG=1 DATABASE_URL=postgres://clinic:clinic@127.0.0.1:5432/bench_queue_100000
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py loaddemo --cases 100000

Run: DEBUG=1 .venv/bin/python bench/review_queue.py [--requests N] [--rounds R] [--explain] \
         URL_100 URL_10K URL_100K
Each database is measured in processes of its own, taking turns (R rounds of N requests per scenario),
so that the load of a shared machine falls on all of them alike. The demo clinician asks for the first
page, a page filtered by a flag code (a common one and a rare one) and by a name (common, and one nobody
has), after warm-up requests. Server time is the wall time of the whole request inside Django
(middleware, selector, template, the access log's insert) without the network; CPU is this process's
share of it and SQL the database's. Goal: at 100,000 cases no more than 2x the time at 100, with the
same query count. --explain prints the plans of the queue's queries on intakes.
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
    """Raw figures for the database in DATABASE_URL: cases, and per scenario each request's times."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from patients.models import Intake
    from tests.second_factor import force_login_verified

    client = force_login_verified(Client(HTTP_HOST="127.0.0.1"), User.objects.get(email=CLINICIAN))
    url = reverse("review:queue")
    figures = {"cases": Intake.objects.exclude(status=Intake.Status.DRAFT).count(), "scenarios": {}}
    for name, params in SCENARIOS.items():
        runs = [timed_get(client, connection, url, params) for _ in range(WARMUP + requests)][WARMUP:]
        figures["scenarios"][name] = {
            "wall": [run["wall"] for run in runs], "cpu": [run["cpu"] for run in runs],
            "sql": [run["sql"] for run in runs], "queries": max(run["queries"] for run in runs),
            "rows": runs[-1]["rows"], "plans": plans(connection, runs[-1]["captured"]) if explain else [],
        }
    return figures


def timed_get(client: object, connection: object, url: str, params: dict) -> dict:
    """Wall and CPU seconds of one request in this process, its queries and their database time."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        cpu, started = time.process_time(), time.perf_counter()
        response = client.get(url, params)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if response.status_code != 200:
        raise SystemExit(f"GET {url} {params} answered {response.status_code}")
    queries = captured.captured_queries
    return {"wall": wall, "cpu": cpu, "sql": sum(float(query["time"]) for query in queries),
            "queries": len(queries), "rows": response.content.count(ROW_MARK), "captured": queries}


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


def merge(runs: list[dict]) -> dict:
    """One database's rounds as one result: the request lists joined, the rest from the last round."""
    merged = runs[-1]
    for name, row in merged["scenarios"].items():
        for key in ("wall", "cpu", "sql"):
            row[key] = [value for run in runs for value in run["scenarios"][name][key]]
        row["queries"] = max(run["scenarios"][name]["queries"] for run in runs)
    return merged


def report(results: list[dict]) -> None:
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (it slows wall times)")
    print(f"{'scenario':15s} {'cases':>8s} {'rows':>4s} {'p50 ms':>7s} {'p95 ms':>7s} {'CPU p50':>7s} "
          f"{'SQL p50':>7s} {'queries':>7s}")
    for name in SCENARIOS:
        for result in results:
            row = result["scenarios"][name]
            print(f"{name:15s} {result['cases']:8,d} {row['rows']:4d} {ms(row['wall'], 50):7.1f} "
                  f"{ms(row['wall'], 95):7.1f} {ms(row['cpu'], 50):7.1f} {ms(row['sql'], 50):7.1f} "
                  f"{row['queries']:7d}")
    smallest, largest = results[0], results[-1]
    for name in SCENARIOS:
        small, large = smallest["scenarios"][name], largest["scenarios"][name]
        ratio = ms(large["wall"], 50) / ms(small["wall"], 50)
        same = "same query count" if small["queries"] == large["queries"] else (
            f"{small['queries']} vs {large['queries']} queries")
        verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
        print(f"{name}: p50 at {largest['cases']:,} is {ratio:.2f}x that at {smallest['cases']:,} "
              f"(goal <= {GOAL_RATIO}x: {verdict}); {same}")


def ms(values: list[float], pct: int) -> float:
    return (statistics.median(values) if pct == 50 else percentile(values, pct)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="one PostgreSQL URL per size, smallest first")
    parser.add_argument("--requests", type=int, default=10, help="per scenario, database and round")
    parser.add_argument("--rounds", type=int, default=3, help="the databases take turns, to share the load")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.requests, args.explain)))
        return
    if not args.urls:
        parser.error("give at least one database URL")
    runs: dict[str, list[dict]] = {url: [] for url in args.urls}
    for _ in range(args.rounds):
        for url in args.urls:
            runs[url].append(run_child(url, args.requests, args.explain))
    results = [merge(runs[url]) for url in args.urls]
    report(results)
    for result in results if args.explain else []:
        for name, row in result["scenarios"].items():
            for plan in row["plans"]:
                print(f"\n--- {name}, {result['cases']:,} cases ---\n{plan}")


if __name__ == "__main__":
    main()
