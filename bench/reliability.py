"""Benchmark: the suicide-screen save and the submit, with 16 staff to alert, healthy broker vs black hole.

Run: DATABASE_URL=postgres://.../scratch_db [CELERY_BROKER_URL=redis://127.0.0.1:6379/N] \\
     DEBUG=1 .venv/bin/python bench/reliability.py [--count N]
It migrates that (scratch) database, adds 16 staff (nobody on call) and patients, starts gunicorn with
2 workers (gunicorn.conf.py otherwise) once with the Redis broker and once with a broker that accepts
connections and never answers, and prints p50/p95/max per request. Goal: p95 under 1 s with the black hole.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

import django  # noqa: E402
import redis  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from patients.models import Intake  # noqa: E402
from patients.steps import steps_for  # noqa: E402
from screening.models import ClinicSettings  # noqa: E402
from tests.factories import UserFactory  # noqa: E402
from tests.patients.answers import complete_answers, step_data  # noqa: E402

GOAL_SECONDS = 1.0
WARMUP = 4  # first requests of each kind, not counted: each gunicorn worker loads the screening engine once
STAFF = 16
CSRF = "benchmarkbenchmarkbenchmarkbench"  # a 32-character CSRF secret, sent as cookie and field
HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
URGENT = {"phq9_items": [2] * 9, **HIGH_RISK, "cssrs_q3": "yes"}


def black_hole() -> tuple[socket.socket, list[socket.socket]]:
    """A listening socket that accepts connections and never answers (a hung broker)."""
    listener, kept = socket.create_server(("127.0.0.1", 0), backlog=128), []

    def accept() -> None:
        while True:
            try:
                kept.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, kept


def signed_in_cookie(user: User) -> str:
    """A session for `user` made the way login() makes one, as a Cookie header."""
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}"


def fresh_answers(**overrides: object) -> dict:
    recent = (timezone.localdate() - timedelta(days=10)).isoformat()
    return complete_answers(bp_measured_on=recent, **overrides)


def prepare(run: str, count: int) -> dict[str, list]:
    """16 staff and, for each request, a patient with a draft: at the suicide screen, or ready to send."""
    ClinicSettings.objects.get_or_create(singleton=True)[0].on_call.clear()
    for n in range(STAFF - User.objects.filter(is_active=True, role__in=["clinician", "admin"]).count()):
        UserFactory(role="clinician" if n % 2 else "admin", email=f"staff-{run}-{n}@bench.test")
    work: dict[str, list] = {"save": [], "submit": []}
    for n in range(count + WARMUP):
        saver = UserFactory(email=f"save-{run}-{n}@bench.test")
        draft = Intake.objects.create(patient=saver, answers=fresh_answers())
        url = reverse("patients:step", kwargs={"pk": draft.pk, "slug": "suicide-screen"})
        high_risk = step_data("suicide-screen", fresh_answers(**HIGH_RISK))
        work["save"].append((signed_in_cookie(saver), url, high_risk))
        sender = UserFactory(email=f"submit-{run}-{n}@bench.test")
        answers = fresh_answers(**URGENT)
        done = [step.slug for step in steps_for(answers) if step.slug != "review"]
        ready = Intake.objects.create(patient=sender, answers=answers, completed_steps=done)
        work["submit"].append((signed_in_cookie(sender), reverse("patients:submit", kwargs={"pk": ready.pk}),
                               step_data("review", answers)))
    return work


def post(port: int, cookie: str, url: str, data: dict) -> float:
    """Seconds until the whole response has arrived; fails loudly on anything but the expected redirect."""
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}, doseq=True)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
               "Referer": f"http://127.0.0.1:{port}{url}"}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", url, body, headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    location = response.getheader("Location", "")
    if response.status != 302 or "login" in location or "review" in location:
        raise SystemExit(f"POST {url} answered {response.status} {location}")
    return elapsed


def serve(broker_url: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CELERY_BROKER_URL": broker_url, "WEB_CONCURRENCY": "2"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clinic.wsgi", "--config", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def measure(label: str, broker_url: str, work: dict[str, list]) -> None:
    server, port = serve(broker_url)
    try:
        for kind in ("save", "submit"):
            times = sorted([post(port, cookie, url, data) for cookie, url, data in work[kind]][WARMUP:])
            p95 = times[max(0, round(len(times) * 0.95) - 1)]
            verdict = "meets" if p95 < GOAL_SECONDS else "MISSES"
            print(f"{label:<22} {kind:<7} n={len(times):<3} p50 {statistics.median(times):6.3f} s  "
                  f"p95 {p95:6.3f} s  max {times[-1]:6.3f} s  ({verdict} the {GOAL_SECONDS:.0f} s goal)")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="requests of each kind per broker")
    args = parser.parse_args()
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise SystemExit("set DATABASE_URL to a scratch PostgreSQL database")
    redis_url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/8"
    call_command("migrate", verbosity=0)
    run = str(int(time.time()))
    hole, accepted = black_hole()
    print(f"suicide-screen save (16 alert emails), URGENT submit (16 alerts + 1 confirmation), {STAFF} staff")
    frozen = f"redis://127.0.0.1:{hole.getsockname()[1]}/0"
    measure("healthy Redis", redis_url, prepare(f"{run}-ok", args.count))
    measure("black-holed broker", frozen, prepare(f"{run}-bh", args.count))
    hole.close()
    print(f"the black hole accepted {len(accepted)} connection(s): the circuit breaker stops further tries")
    redis.Redis.from_url(redis_url).delete("celery", "crisis")  # no worker ran: drop the healthy run's tasks


if __name__ == "__main__":
    main()
