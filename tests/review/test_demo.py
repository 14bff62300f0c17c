"""loaddemo leaves a queue with a case in every state, and --cases adds synthetic ones."""

import pytest
from django.core.management import CommandError, call_command

from patients.models import Intake
from review.models import Claim, Decision
from review.selectors import QueueFilters, queue_page
from tests.review.cases import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings: object) -> None:
    settings.DEBUG = True


def load(**options: object) -> None:
    call_command("loaddemo", stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def test_loaddemo_leaves_a_case_in_every_state_of_review() -> None:
    load()
    by_email = {intake.patient.email: intake for intake in Intake.objects.select_related("patient")}
    assert by_email["demo-urgent@demo.clinic"].crisis_alerts.get().is_open
    outcomes = {
        by_email[f"demo-{name}@demo.clinic"].current_outcome for name in ("blocked", "review", "eligible")
    }
    assert outcomes == {"BLOCKED", "REVIEW", "ELIGIBLE"}
    claim = Claim.objects.get(intake=by_email["demo-claimed@demo.clinic"])
    assert claim.clinician.email == "clinician2@demo.clinic"
    cosign = by_email["demo-cosign@demo.clinic"].screening_results.get().flags.get()
    assert (cosign.review_state, cosign.cosigned_by) == ("overridden", None)
    assert by_email["demo-more-info@demo.clinic"].status == "more_info_requested"
    resent = by_email["demo-resubmitted@demo.clinic"]
    assert (resent.status, resent.current_outcome) == ("submitted", "REVIEW")
    assert resent.changed_answers == ["bp_diastolic", "bp_systolic"]
    assert by_email["demo-cleared@demo.clinic"].status == "cleared"
    assert by_email["demo-declined@demo.clinic"].status == "declined"
    review_stages = Decision.objects.exclude(intake__patient__email="demo-booked@demo.clinic")  # scheduling's
    assert review_stages.count() == 4  # two requests for more, a clearance, a decline
    rows = queue_page(QueueFilters(), now=NOW).rows
    assert [row.intake.current_outcome for row in rows][:2] == ["URGENT", "BLOCKED"]
    assert any(row.waiting.overdue for row in rows) and any(row.changed_answers for row in rows)
    assert any(row.new_flags for row in rows) and any(row.claimed_by for row in rows)


def test_loaddemo_twice_adds_nothing() -> None:
    load()
    before = (Intake.objects.count(), Decision.objects.count())
    load()
    assert (Intake.objects.count(), Decision.objects.count()) == before


def test_loaddemo_cases_adds_that_many_synthetic_intakes(capsys: pytest.CaptureFixture) -> None:
    load()
    before = Intake.objects.count()
    call_command("loaddemo", cases=40)
    assert Intake.objects.count() == before + 40
    assert "Added 40 synthetic cases" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("loaddemo", cases=-1)
