"""Two requests at once (double click, second tab) make one draft and one submission (PostgreSQL locks)."""

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connections, transaction

from outbox.models import Message
from patients import services
from patients.models import Intake
from patients.steps import steps_for
from screening.models import ScreeningResult
from tests.factories import UserFactory
from tests.patients.answers import TODAY, complete_answers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WAIT_SECONDS = 10


def in_thread(target: Callable[[], object], results: list, errors: list) -> threading.Thread:
    """Start `target` on its own thread and database connection."""

    def run() -> None:
        try:
            results.append(target())
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@time_machine.travel(datetime(TODAY.year, TODAY.month, TODAY.day, 16, tzinfo=UTC), tick=False)
def test_a_submit_arriving_while_another_is_running_waits_and_returns_the_same_submission(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient = UserFactory()
    answers = complete_answers()
    intake = Intake.objects.create(
        patient=patient, answers=answers, completed_steps=[step.slug for step in steps_for(answers)]
    )
    first_is_screening, finish_first = threading.Event(), threading.Event()
    real_screen = services.screen_intake

    def slow_first_screening(**kwargs: object) -> object:
        # The first submit holds the row lock here until the second one has started.
        if not first_is_screening.is_set():
            first_is_screening.set()
            finish_first.wait(WAIT_SECONDS)
        return real_screen(**kwargs)

    monkeypatch.setattr(services, "screen_intake", slow_first_screening)
    results: list = []
    errors: list = []

    def submit() -> Intake:
        return services.submit_intake(intake_id=intake.pk, patient=patient, signature="Alex Rivera")

    first = in_thread(submit, results, errors)
    assert first_is_screening.wait(WAIT_SECONDS)
    second = in_thread(submit, results, errors)
    finish_first.set()
    first.join(WAIT_SECONDS * 3)
    second.join(WAIT_SECONDS * 3)

    assert not errors, errors
    assert [r.status for r in results] == ["submitted", "submitted"]
    assert ScreeningResult.objects.filter(intake=intake).count() == 1
    assert Message.objects.filter(kind="intake-submitted").count() == 1
    assert intake.status_changes.count() == 1


def test_a_start_racing_another_start_resumes_the_draft_the_other_created() -> None:
    patient = UserFactory()
    created, release = threading.Event(), threading.Event()
    results: list = []
    errors: list = []

    def create_and_hold() -> Intake:
        with transaction.atomic():
            draft = Intake.objects.create(patient=patient)
            created.set()
            release.wait(WAIT_SECONDS)
        return draft

    holder = in_thread(create_and_hold, results, errors)
    assert created.wait(WAIT_SECONDS)
    racer = in_thread(lambda: services.start_or_resume_intake(patient=patient), results, errors)
    release.set()
    holder.join(WAIT_SECONDS * 3)
    racer.join(WAIT_SECONDS * 3)

    assert not errors, errors
    assert len({draft.pk for draft in results}) == 1
    assert Intake.objects.filter(patient=patient).count() == 1
