"""Two clinicians at once, or a clinician and a re-screen: the intake's row lock keeps the case consistent."""

import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError

from patients.models import Intake
from review import services
from review.models import Claim, Decision
from screening.services import results as screening_results
from screening.services import screen_intake
from tests.patients.test_services_concurrency import WAIT_SECONDS, in_thread
from tests.review.cases import NOW, clinician, screened_case
from tests.screening.documents import make_document

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock() -> object:
    # Threads do not inherit the review tests' frozen clock fixture: travel with ticking off for all of them.
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_two_clinicians_claiming_at_once_leave_one_claim_and_tell_the_other() -> None:
    intake, casey, corey = screened_case(), clinician(), clinician()
    results: list = []
    errors: list = []
    threads = [
        in_thread(lambda who=who: services.claim_case(intake=intake, by=who), results, errors)
        for who in (casey, corey)
    ]
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert Claim.objects.get(intake=intake).clinician == results[0].clinician
    assert Intake.objects.get(pk=intake.pk).status_changes.count() == 1


def test_a_clearance_waiting_on_a_re_screen_that_adds_an_exclusion_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    intake, casey = screened_case(), clinician()
    storing, finish = threading.Event(), threading.Event()
    real_record = screening_results.record_outcome

    def slow_record(*args: object) -> None:
        # The re-screen holds the intake's lock here, its new flag written but not committed.
        storing.set()
        finish.wait(WAIT_SECONDS)
        real_record(*args)

    monkeypatch.setattr(screening_results, "record_outcome", slow_record)
    results: list = []
    errors: list = []

    def rescreen() -> object:
        intake.document = make_document(hx_aneurysm="yes")
        return screen_intake(intake=intake, reason="ruleset_changed")

    first = in_thread(rescreen, results, errors)
    assert storing.wait(WAIT_SECONDS)
    second = in_thread(
        lambda: services.clear_case(intake=intake, by=casey, routes=["iv_infusion"]), results, errors
    )
    finish.set()
    first.join(WAIT_SECONDS * 3)
    second.join(WAIT_SECONDS * 3)

    assert [type(error) for error in errors] == [ValidationError]
    assert "CARDIO_ANEURYSM_AVM: the exclusion has not been overridden." in errors[0].messages
    assert Intake.objects.get(pk=intake.pk).status == "submitted" and not Decision.objects.exists()
