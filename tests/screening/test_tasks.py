import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from clinic.celery import app
from outbox.models import Message
from screening import services, tasks
from screening.models import ClinicSettings, CrisisAlert, MedicationName, ScreeningChange, ScreeningResult
from screening.rules import RULES_BY_CODE
from screening.services.matching import current_dictionary_version
from tests.conftest import require_service
from tests.factories import IntakeFactory, UserFactory
from tests.screening.documents import make_document

URGENT_ANSWERS = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
RAISED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def screen_urgent_intake() -> ScreeningResult:
    intake = IntakeFactory(document=make_document(**URGENT_ANSWERS))
    return services.screen_intake(intake=intake, reason="submitted")


def screened_by_old_ruleset(**document: object) -> object:
    intake = IntakeFactory(document=make_document(**document))
    result = services.screen_intake(intake=intake, reason="submitted")
    ScreeningResult.objects.filter(pk=result.pk).update(ruleset_version="2025.9")
    return intake


def current_versions() -> list[str]:
    return list(ScreeningResult.objects.filter(is_current=True).order_by("intake").values_list(
        "ruleset_version", flat=True
    ))


@pytest.mark.django_db
def test_rescreen_outdated_works_through_every_batch() -> None:
    for _ in range(5):
        screened_by_old_ruleset()
    assert tasks.rescreen_outdated(batch_size=2) == 2
    assert current_versions() == ["2026.2"] * 5
    assert set(ScreeningResult.objects.filter(is_current=True).values_list("reason", flat=True)) == {
        "ruleset_changed"
    }


@pytest.mark.django_db
def test_an_intake_that_cannot_be_screened_does_not_stall_the_others() -> None:
    broken = screened_by_old_ruleset()
    broken.document = make_document(bp_systolic="high")
    broken.save()
    later = [screened_by_old_ruleset() for _ in range(3)]
    tasks.rescreen_outdated(batch_size=1)
    assert all(intake.screening_results.get(is_current=True).ruleset_version == "2026.2" for intake in later)
    assert broken.screening_results.get(is_current=True).ruleset_version == "2025.9"


@pytest.mark.django_db
def test_rescreen_outdated_leaves_declined_and_booked_cases_alone() -> None:
    for status in ("declined", "consultation_booked"):
        closed = screened_by_old_ruleset()
        closed.status = status
        closed.save()
    assert tasks.rescreen_outdated() == 0
    assert set(ScreeningResult.objects.values_list("ruleset_version", flat=True)) == {"2025.9"}


@pytest.mark.django_db
def test_a_cleared_case_not_yet_booked_is_screened_again_under_a_new_ruleset() -> None:
    cleared = screened_by_old_ruleset(bp_systolic=150)
    cleared.status = "cleared"
    cleared.save()
    assert tasks.rescreen_outdated() == 1
    assert cleared.screening_results.get(is_current=True).ruleset_version == "2026.2"


@pytest.mark.django_db
def test_rescreening_one_intake_twice_stores_one_new_result() -> None:
    intake = screened_by_old_ruleset(bp_systolic=150)
    assert tasks.rescreen_intake(intake.pk) is True
    assert tasks.rescreen_intake(intake.pk) is False
    assert intake.screening_results.count() == 2


# Stored results as ruleset 2026.1 produced them for these documents (medications.md, rules.md of 2026.1).
SCORES_2026_1 = {
    "phq9": {"total": 8, "band": "mild"}, "gad7": {"total": 7, "band": "mild"}, "cssrs": {"risk": "none"},
}


def screened_under_2026_1(document: dict, outcome: str, flags: dict[str, dict]) -> object:
    """An open intake whose current result holds what 2026.1 stored: these flags, this outcome."""
    intake = IntakeFactory(document=document)
    result = ScreeningResult.objects.create(
        intake=intake, ruleset_version="2026.1", outcome=outcome, scores=SCORES_2026_1, reason="submitted",
        dictionary_version=current_dictionary_version(),
    )
    for code, evidence in flags.items():
        rule = RULES_BY_CODE[code]
        result.flags.create(code=code, severity=str(rule.severity), rationale=rule.rationale,
                            sources=list(rule.sources), evidence=evidence)
    return intake


def one_medicine(name: str) -> list[dict]:
    return [{"name": name, "dose": None, "frequency": None}]


@pytest.mark.django_db
def test_the_periodic_task_screens_2026_1_cases_again_and_records_what_2026_2_adds() -> None:
    clinician = UserFactory(role="clinician")
    medicines = screened_under_2026_1(
        make_document(medications=one_medicine("xanax and oxycotin")), "REVIEW",
        {"MED_BENZODIAZEPINE": {"medications": ["xanax and oxycotin"]}},
    )
    medicines.screening_results.get().flags.update(
        review_state="acknowledged", reviewed_by=clinician, reviewed_at=RAISED
    )
    family = screened_under_2026_1(make_document(family_hx_psychosis_first_degree="unsure"), "ELIGIBLE", {})
    ketamine = screened_under_2026_1(make_document(substances_past_30d=["ketamine"]), "ELIGIBLE", {})

    assert tasks.rescreen_outdated() == 3

    changes = {change.intake: change for change in ScreeningChange.objects.all()}
    assert {intake: (change.flags_added, change.flags_removed, change.flags_changed, change.reason,
                     change.outcome_before, change.outcome_after) for intake, change in changes.items()} == {
        medicines: (["MED_OPIOID", "MED_CNS_DEPRESSANT_MULTIPLE", "MED_FUZZY_MATCH"], [], [],
                    "ruleset_changed", "REVIEW", "REVIEW"),
        family: (["PSYCH_PSYCHOSIS_FAMILY_HX"], [], [], "ruleset_changed", "ELIGIBLE", "ELIGIBLE"),
        ketamine: (["SUD_KETAMINE_PCP_MISUSE"], [], [], "ruleset_changed", "ELIGIBLE", "REVIEW"),
    }
    assert current_versions() == ["2026.2"] * 3
    flags = {flag.code: flag for flag in medicines.screening_results.get(is_current=True).flags.all()}
    assert flags["MED_BENZODIAZEPINE"].review_state == "acknowledged"  # same finding: the review carries over
    assert flags["MED_OPIOID"].review_state == "open"
    assert flags["MED_FUZZY_MATCH"].evidence == {"matches": ["oxycotin → oxycontin"]}
    assert tasks.rescreen_outdated() == 0


@pytest.mark.django_db
def test_an_urgent_case_handled_under_2026_1_is_screened_again_without_a_second_alert() -> None:
    clinician = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get().on_call.add(clinician)
    unfinished = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": None, "cssrs_q4": None, "cssrs_q5": None}
    intake = screened_under_2026_1(make_document(**unfinished), "URGENT", {
        "SI_SCREEN_INCOMPLETE": {"cssrs_q2": "yes", "cssrs_q3": None, "cssrs_q4": None, "cssrs_q5": None},
    })
    ScreeningResult.objects.filter(intake=intake).update(scores={**SCORES_2026_1, "cssrs": {"risk": "high"}})
    alert = CrisisAlert.objects.create(intake=intake, result=intake.screening_results.get(),
                                       raised_at=RAISED, source="screening")
    services.acknowledge_alert(alert=alert, by=clinician)

    assert tasks.rescreen_outdated() == 1

    current = intake.screening_results.get(is_current=True)
    assert (current.ruleset_version, current.outcome, current.scores["cssrs"]) == (
        "2026.2", "URGENT", {"risk": "incomplete"}
    )
    assert ScreeningChange.objects.get().flags_added == []
    assert (CrisisAlert.objects.count(), Message.objects.count()) == (1, 0)


def listing(name: str, status: str = "submitted") -> object:
    medication = {"name": name, "dose": "", "frequency": ""}
    intake = IntakeFactory(status=status, document=make_document(medications=[medication]))
    services.screen_intake(intake=intake, reason="submitted")
    return intake


def add_frobnicol() -> None:
    row = MedicationName(name="frobnicol", generic="frobnicolam", classes="BENZODIAZEPINE")
    row.full_clean()
    row.save()


@pytest.mark.django_db
def test_rescreen_outdated_screens_active_cases_again_after_a_dictionary_edit() -> None:
    active = listing("frobnicol")
    closed = [listing("frobnicol", status=status) for status in ("declined", "consultation_booked")]
    add_frobnicol()

    assert tasks.rescreen_outdated() == 1

    result = active.screening_results.get(is_current=True)
    assert (result.reason, [flag.code for flag in result.flags.all()]) == (
        "dictionary_changed", ["MED_BENZODIAZEPINE"]
    )
    assert ScreeningChange.objects.get().flags_removed == ["MED_UNRECOGNIZED"]
    for intake in closed:
        assert intake.screening_results.get().flags.get().code == "MED_UNRECOGNIZED"


@pytest.mark.django_db
def test_an_unchanged_verdict_is_checked_once_per_dictionary_edit() -> None:
    listing("zyrtec")
    add_frobnicol()
    assert tasks.rescreen_outdated() == 1
    assert tasks.rescreen_outdated() == 0
    assert ScreeningResult.objects.count() == 1


@pytest.mark.django_db
def test_the_escalation_task_alerts_everyone_when_nobody_acknowledged_in_time() -> None:
    clinician = UserFactory(role="clinician", email="oncall@clinic.test")
    UserFactory(role="clinician", email="second@clinic.test")
    ClinicSettings.objects.get().on_call.add(clinician)
    with time_machine.travel(RAISED, tick=False):
        screen_urgent_intake()
    with time_machine.travel(RAISED + timedelta(minutes=16), tick=False):
        assert tasks.escalate_overdue_alerts() == 1
    escalated = Message.objects.filter(kind="crisis-alert-escalated").values_list("recipient", flat=True)
    assert sorted(escalated) == ["oncall@clinic.test", "second@clinic.test"]


@pytest.fixture
def celery_worker(settings: object) -> Iterator[dict[str, threading.Event]]:
    """A real Celery worker on the configured Redis broker, in a thread of this process."""
    if not settings.CELERY_BROKER_URL:
        require_service("redis", False, "set CELERY_BROKER_URL=redis://127.0.0.1:6379/N to run a real worker")
    settings.CELERY_TASK_ALWAYS_EAGER = False  # tests run tasks in-process by default (tests/conftest.py)
    finished = {"rescreen_outdated": threading.Event(), "escalate_overdue_alerts": threading.Event()}

    def record(sender: object = None, retval: object = None, **signal: object) -> None:
        name = sender.name.rsplit(".", 1)[-1]
        batch_size = (signal.get("kwargs") or {}).get("batch_size", 200)
        # The rescreen chain ends with the first batch that is not full.
        if name == "escalate_overdue_alerts" or (name == "rescreen_outdated" and retval < batch_size):
            finished[name].set()

    app.control.purge()  # tasks left queued by an earlier run belong to another test database
    task_postrun.connect(record, weak=False)
    try:
        # Both queues: escalations run on the crisis queue (settings.CELERY_TASK_ROUTES).
        queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CRISIS_QUEUE]
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=queues):
            yield finished
    finally:
        task_postrun.disconnect(record)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_rescreens_outdated_intakes_and_escalates_alerts(
    celery_worker: dict[str, threading.Event],
) -> None:
    on_call = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get_or_create(singleton=True)[0].on_call.add(on_call)
    UserFactory(role="admin", email="admin@clinic.test")
    intakes = [screened_by_old_ruleset(bp_systolic=150) for _ in range(3)]
    with time_machine.travel(datetime.now(tz=UTC) - timedelta(minutes=30)):
        screen_urgent_intake()

    tasks.rescreen_outdated.delay(batch_size=2)
    tasks.escalate_overdue_alerts.delay()
    assert celery_worker["rescreen_outdated"].wait(timeout=30)
    assert celery_worker["escalate_overdue_alerts"].wait(timeout=30)

    assert all(i.screening_results.get(is_current=True).ruleset_version == "2026.2" for i in intakes)
    assert CrisisAlert.objects.get().escalated_at is not None
    escalated = Message.objects.filter(kind="crisis-alert-escalated").values_list("recipient", flat=True)
    assert sorted(escalated) == ["admin@clinic.test", "oncall@clinic.test"]
