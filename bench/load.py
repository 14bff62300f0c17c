"""A bounded mixed load on a running server: patients fill every step and send, clinicians read pages.

bench/load.sh starts gunicorn and runs this; `prepare` (Django loaded, same database) makes the accounts
and their signed-in sessions, `drive` (no Django) sends the requests and prints p50/p95 per page.

Before the mixed load, `drive` walks a few patients alone (one request at a time, nothing else running),
each request followed by the bench's trivial GET and one-INSERT POST (bench/floor.py, served by
bench/floor_wsgi.py), and prints each page's median as a multiple of its floor's: the cost of a page
over HTTP on the real server, as issue 12 measured it, without the queueing of the mixed load.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DIGEST = re.compile(r'name="reviewed_digest" value="([^"]+)"')
PROBE_EVERY = 0.1  # seconds between two requests of the prober


def prepare(patients: int, solo: int, plan_path: str) -> None:
    """Accounts, sessions and each step's POST data, written to `plan_path` for `drive`."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from accounts.roles import Role
    from bench.floor import create_floor_table
    from patients.demo import demo_answers
    from patients.models import Intake
    from patients.services import clinic_today
    from patients.steps import steps_for
    from screening.services import count_open_cases
    from tests.patients.answers import step_data

    def session_for(user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY], store[HASH_SESSION_KEY] = str(user.pk), user.get_session_auth_hash()
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        if user.is_clinic_staff:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="Load test", confirmed=True)
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        return store.session_key

    def account(email: str, role: Role) -> User:
        user, _ = User.objects.update_or_create(email=email, defaults={
            "role": role, "first_name": "Load", "last_name": "Test", "email_verified_at": timezone.now()})
        return user

    answers = demo_answers(clinic_today())
    slugs = [step.slug for step in steps_for(answers) if step.slug != "review"]
    plan = {"patients": [], "clinicians": [],
            "steps": {slug: step_data(slug, answers, action="continue") for slug in slugs},
            "consent": step_data("review", {**answers, "consent_signature": "Load Test"})}
    def draft_for(email: str) -> dict:
        patient = account(email, Role.PATIENT)
        Intake.objects.filter(patient=patient).delete()
        intake = Intake.objects.create(patient=patient, answers={}, completed_steps=[])
        return {"session": session_for(patient), "intake": intake.pk}

    plan["patients"] = [draft_for(f"load-patient-{index}@bench.test") for index in range(patients)]
    plan["solo"] = [draft_for(f"load-solo-{index}@bench.test") for index in range(solo)]
    create_floor_table()
    sent = Intake.objects.exclude(status="draft").order_by("-pk").values_list("pk", flat=True).first()
    staff_pages = [reverse("screening:home"), reverse("screening:catalogue")]
    for name, kwargs in (("review:queue", {}), ("review:case", {"intake_id": sent})):
        try:
            staff_pages.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            print(f"# {name}: not in this branch yet, not loaded")
    for index in range(2):
        plan["clinicians"].append({"session": session_for(account(f"load-clinician-{index}@bench.test",
                                                                    Role.CLINICIAN))})
    plan["staff_pages"] = staff_pages
    count_open_cases(now=timezone.now())  # as the beat task would have
    Path(plan_path).write_text(json.dumps(plan))


class Browser:
    """One client: keeps its cookies, times each request under a page label."""

    def __init__(self, port: int, session: str, timings: dict, errors: list) -> None:
        self.port, self.cookies, self.timings, self.errors = port, {"sessionid": session}, timings, errors

    def request(self, label: str, method: str, path: str, form: dict | None = None, expected: int = 0) -> str:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = "&".join(f"{quote(k)}={quote(v)}" for k, values in form.items() for v in listed(values))
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"}
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except OSError as error:
            self.errors.append(f"{label}: {error}")
            return ""
        self.timings[label].append((time.perf_counter() - started) * 1000)
        for header in response.msg.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        expected = expected or (302 if method == "POST" else 200)
        if response.status != expected:
            self.errors.append(f"{label}: {method} {path} answered {response.status}")
        return text


class FloorBrowser(Browser):
    """A client alone on the server: each request is followed by the trivial GET and the one-INSERT POST,
    sent without cookies as bench/pages.py sends them (no session to load)."""

    def request(self, label: str, method: str, path: str, form: dict | None = None, expected: int = 0) -> str:
        text = super().request(label, method, path, form, expected)
        anonymous = Browser(self.port, "", self.timings, self.errors)
        anonymous.cookies = {}
        anonymous.request("floor: trivial GET", "GET", "/bench/trivial/")
        anonymous.request("floor: one-INSERT POST", "POST", "/bench/one-insert/", {}, expected=200)
        return text


def quote(value: object) -> str:
    from urllib.parse import quote_plus

    return quote_plus(str(value))


def listed(value: object) -> list:
    return value if isinstance(value, list) else [value]


def patient_journey(browser: Browser, patient: dict, plan: dict) -> None:
    intake = patient["intake"]
    for slug, data in plan["steps"].items():
        url = f"/intake/{intake}/step/{slug}/"
        page = browser.request("step GET", "GET", url)
        token = CSRF.search(page)
        browser.request("step save POST", "POST", url, {**data, "csrfmiddlewaretoken": token and token[1]})
    review = browser.request("review page GET", "GET", f"/intake/{intake}/review/")
    token, digest = CSRF.search(review), DIGEST.search(review)
    form = {**plan["consent"], "csrfmiddlewaretoken": token and token[1],
            "reviewed_digest": digest and digest[1]}
    browser.request("submit POST", "POST", f"/intake/{intake}/submit/", form)
    browser.request("confirmation GET", "GET", f"/intake/{intake}/sent/")
    browser.request("dashboard GET", "GET", "/intake/")


def drive(port: int, plan_path: str, clients: int) -> int:
    plan = json.loads(Path(plan_path).read_text())
    errors = solo(port, plan)
    timings = defaultdict(list)
    waiting, done = list(plan["patients"]), threading.Event()
    lock = threading.Lock()

    def patient_worker() -> None:
        while True:
            with lock:
                if not waiting:
                    return
                patient = waiting.pop()
            patient_journey(Browser(port, patient["session"], timings, errors), patient, plan)

    def clinician_worker(clinician: dict) -> None:
        browser = Browser(port, clinician["session"], timings, errors)
        while not done.is_set():
            for path in plan["staff_pages"]:
                browser.request(f"staff {path} GET", "GET", path)

    def prober() -> None:
        """The trivial view ten times a second: its worst times show a stall (every worker busy or
        restarting at once), as the issue's "trivial view's p95 with recycling" did."""
        browser = Browser(port, "", timings, errors)
        browser.cookies = {}
        while not done.wait(PROBE_EVERY):
            browser.request("probe: trivial GET", "GET", "/bench/trivial/")

    started = time.perf_counter()
    patients = [threading.Thread(target=patient_worker) for _ in range(clients - len(plan["clinicians"]))]
    staff = [threading.Thread(target=clinician_worker, args=(c,)) for c in plan["clinicians"]]
    staff.append(threading.Thread(target=prober))
    for thread in patients + staff:
        thread.start()
    for thread in patients:
        thread.join()
    done.set()
    for thread in staff:
        thread.join()
    report(timings, errors, time.perf_counter() - started, clients)
    return 1 if errors else 0


def solo(port: int, plan: dict) -> list:
    """The solo patients' journeys one after the other, each page as a multiple of its floor."""
    timings, errors = defaultdict(list), []
    started = time.perf_counter()
    for patient in plan["solo"]:
        patient_journey(FloorBrowser(port, patient["session"], timings, errors), patient, plan)
    print(f"\n{len(plan['solo'])} patients alone, {time.perf_counter() - started:.1f} s; "
          "each request followed by the floor's two\n")
    trivial = statistics.median(timings["floor: trivial GET"])
    insert = statistics.median(timings["floor: one-INSERT POST"])
    print("| Page | Requests | p50 ms | p95 ms | x floor (p50) |")
    print("|---|---:|---:|---:|---:|")
    for label, times in sorted(timings.items()):
        floor = insert if label.endswith("POST") else trivial
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {p95(times):.1f} "
              f"| {statistics.median(times) / floor:.1f} |")
    return errors


def p95(times: list) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def report(timings: dict, errors: list, seconds: float, clients: int) -> None:
    total = sum(len(times) for times in timings.values())
    print(f"\n{total} requests in {seconds:.1f} s ({total / seconds:.1f}/s), {clients} concurrent clients "
          "and the prober\n")
    print("| Page | Requests | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for label, times in sorted(timings.items()):
        median, worst = statistics.median(times), max(times)
        print(f"| {label} | {len(times)} | {median:.0f} | {p95(times):.0f} | {worst:.0f} |")
    print(f"\nErrors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "drive"])
    parser.add_argument("--plan", default="var/load-plan.json")
    parser.add_argument("--patients", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--solo", type=int, default=5, help="patients walked alone first, against the floor")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.patients, args.solo, args.plan)
    else:
        sys.exit(drive(args.port, args.plan, args.clients))


if __name__ == "__main__":
    main()
