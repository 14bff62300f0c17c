"""Server time and queries per request of every patient page, submit and the staff pages, as ratios to
a trivial view (GET) and a one-INSERT view (POST), at 1,000 and 100,000 synthetic cases.

    DATABASE_URL=postgres://clinic:clinic@127.0.0.1:5432/clinic_bench .venv/bin/python bench/pages.py

One process, Django's test client (no network), DEBUG off, the product's middleware and templates. The
database must be PostgreSQL; it is migrated, and `manage.py loaddemo --cases` tops its synthetic cases up
to each size in turn (so the 100,000 step takes a while the first time, and a re-run reuses them). The
review queue and case pages are measured once `review:queue` and `review:case` exist.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-in-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from bench.database import ensure_database  # noqa: E402
from bench.floor import create_floor_table  # noqa: E402
from patients.demo import demo_answers  # noqa: E402
from patients.models import Intake  # noqa: E402
from patients.services import answers_digest, clinic_today  # noqa: E402
from patients.steps import steps_for  # noqa: E402
from screening.services import count_open_cases  # noqa: E402
from tests.patients.answers import step_data  # noqa: E402
from tests.second_factor import force_login_verified  # noqa: E402

Request = Callable[[], object]
SYNTHETIC = "synthetic-"


def main() -> None:
    args = parse_args()
    ensure_database()
    # Plain static storage: the manifest needs collectstatic, and costs a dict look-up per {% static %}.
    with override_settings(
        ROOT_URLCONF="bench.floor",
        STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    ):
        call_command("migrate", verbosity=0)
        create_floor_table()
        print(f"# bench/pages.py {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{args.repeat} requests per page, DEBUG={settings.DEBUG}")
        for size in args.sizes:
            top_up(size)
            report(size, measure_all(args.repeat))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="case counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=60, help="timed requests per page")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    return args


def top_up(size: int) -> None:
    """Bring the synthetic cases to `size` (never fewer: a bigger database is reused as it is)."""
    have = Intake.objects.filter(patient__email__startswith=SYNTHETIC).count()
    if have < size:
        print(f"# adding {size - have} synthetic cases (loaddemo --cases)", flush=True)
        with open(os.devnull, "w") as quiet:
            call_command("loaddemo", force=True, cases=size - have, stdout=quiet)
        have = size
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would leave them
    print(f"# {have} synthetic cases", flush=True)


def timed(request: Request, repeat: int) -> dict:
    """Wall and CPU milliseconds (median, p95) of `repeat` calls after a warm-up, and the queries of one more.

    CPU time is this process's own work (Django, templates, the rules); the database's shows only in the
    wall time, which on a shared machine also holds the time spent waiting for a CPU.
    """
    for _ in range(3):
        request()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        request()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        request()
    return {"median": statistics.median(wall), "p95": p95(wall), "cpu": statistics.median(cpu),
            "cpu_p95": p95(cpu), "queries": len(queries)}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def expect(client: Client, method: str, url: str, status: int, data: dict | None = None) -> Request:
    """A request that fails the bench loudly if the page does not answer as it should."""
    def call() -> object:
        response = getattr(client, method)(url, data or {})
        if response.status_code != status:
            raise SystemExit(f"{method.upper()} {url}: {response.status_code}, expected {status}")
        return response
    return call


def measure_all(repeat: int) -> dict[str, dict]:
    anonymous = Client(HTTP_HOST="127.0.0.1")
    figures = {
        "floor: trivial GET": timed(expect(anonymous, "get", "/bench/trivial/", 200), repeat),
        "floor: one-INSERT POST": timed(expect(anonymous, "post", "/bench/one-insert/", 200), repeat),
    }
    figures |= patient_pages(repeat)
    figures["submit POST"] = timed(submitter(repeat + 4), repeat)
    figures |= staff_pages(repeat)
    return figures


def bench_user(email: str, role: Role) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"role": role, "first_name": "Bench", "last_name": "User"})
    if role == Role.PATIENT and user.email_verified_at is None:
        user.email_verified_at = user.date_joined
        user.save(update_fields=["email_verified_at"])
    return user


def complete_draft(patient: User) -> Intake:
    """A draft with every step but the review done, as a patient has it just before sending."""
    Intake.objects.filter(patient=patient).delete()
    answers = demo_answers(clinic_today())
    slugs = [step.slug for step in steps_for(answers) if step.slug != "review"]
    return Intake.objects.create(patient=patient, answers=answers, completed_steps=slugs)


def patient_pages(repeat: int) -> dict[str, dict]:
    patient = bench_user("bench-patient@bench.test", Role.PATIENT)
    intake = complete_draft(patient)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(patient)
    # What signing in alone costs (session, user, second-factor check): the same floors, as this patient.
    figures = {
        "floor signed in: trivial GET": timed(expect(client, "get", "/bench/trivial/", 200), repeat),
        "floor signed in: one-INSERT POST": timed(expect(client, "post", "/bench/one-insert/", 200), repeat),
        "dashboard GET": timed(expect(client, "get", reverse("patients:dashboard"), 200), repeat),
    }
    for step in steps_for(intake.answers):
        if step.slug != "review":
            url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": step.slug})
            figures[f"step {step.slug} GET"] = timed(expect(client, "get", url, 200), repeat)
    url = reverse("patients:step", kwargs={"pk": intake.pk, "slug": "about-you"})
    save = step_data("about-you", intake.answers, action="continue")
    figures["step save about-you POST"] = timed(expect(client, "post", url, 302, save), repeat)
    figures["review page GET"] = timed(
        expect(client, "get", reverse("patients:review", kwargs={"pk": intake.pk}), 200), repeat)
    suggest = reverse("patients:medication-suggest") + "?q=sert"
    figures["medication suggest GET"] = timed(expect(client, "get", suggest, 200), repeat)
    return figures


def submitter(count: int) -> Request:
    """Each call sends a fresh complete draft of its own patient, signed in beforehand (not timed)."""
    ready = []
    for index in range(count):
        patient = bench_user(f"bench-submit-{index}@bench.test", Role.PATIENT)
        intake = complete_draft(patient)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(patient)
        data = {**step_data("review", {**intake.answers, "consent_signature": "Bench User"}),
                "reviewed_digest": answers_digest(intake.answers)}
        client.get(reverse("patients:review", kwargs={"pk": intake.pk}))  # where a patient sends from
        ready.append(expect(client, "post", reverse("patients:submit", kwargs={"pk": intake.pk}), 302, data))
    return lambda: ready.pop()()


def staff_pages(repeat: int) -> dict[str, dict]:
    started = time.perf_counter()
    count_open_cases(now=timezone.now())  # what the beat task does each minute, read by the catalogue
    print(f"# count-open-cases task (beat, each minute): {(time.perf_counter() - started) * 1000:.0f} ms",
          flush=True)
    clinician = bench_user("bench-clinician@bench.test", Role.CLINICIAN)
    client = force_login_verified(Client(HTTP_HOST="127.0.0.1"), clinician)
    figures = {
        "staff home GET": timed(expect(client, "get", reverse("screening:home"), 200), repeat),
        "rule catalogue GET": timed(expect(client, "get", reverse("screening:catalogue"), 200), repeat),
    }
    sent = Intake.objects.filter(patient__email__startswith=SYNTHETIC).order_by("-pk").first()
    for name, label, kwargs in (("review:queue", "review queue GET", {}),
                                ("review:case", "review case GET", {"intake_id": sent.pk})):
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            print(f"# {label}: skipped, {name} does not exist in this branch yet", flush=True)
            continue
        figures[label] = timed(expect(client, "get", url, 200), repeat)
    return figures


def report(size: int, figures: dict[str, dict]) -> None:
    get_floor, post_floor = figures["floor: trivial GET"], figures["floor: one-INSERT POST"]
    print(f"\n## {size:,} cases\n")
    print("| Page | Wall median ms | Wall p95 ms | x floor (median) | x floor (p95) | CPU median ms "
          "| CPU x floor | Queries | Floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, row in figures.items():
        floor, label = (post_floor, "one-INSERT") if name.endswith("POST") else (get_floor, "trivial")
        print(f"| {name} | {row['median']:.1f} | {row['p95']:.1f} | {row['median'] / floor['median']:.1f} "
              f"| {row['p95'] / floor['p95']:.1f} | {row['cpu']:.1f} | {row['cpu'] / floor['cpu']:.1f} "
              f"| {row['queries']} | {label} |", flush=True)


if __name__ == "__main__":
    main()
