"""URGENT rules read on an unsent intake (screening.services.urgent)."""

import pytest

from screening.rules import CATALOGUE, Severity, evaluate
from screening.services import get_matcher, new_findings, urgent_findings
from screening.services.urgent import DRAFT_URGENT_CODES, WAITS_FOR_SUBMISSION
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db

BP = "CARDIO_BP_CRISIS_RANGE"


@pytest.mark.parametrize(
    ("systolic", "diastolic", "urgent"),
    [(180, 120, False), (181, 80, True), (150, 121, True), (180, None, False), (None, 121, True),
     (120, 80, False)],
)
def test_a_reading_is_urgent_exactly_when_the_rule_fires_above_180_or_120(
    systolic: int | None, diastolic: int | None, urgent: bool
) -> None:
    document = make_document(bp_systolic=systolic, bp_diastolic=diastolic)
    assert (BP in urgent_findings(document)) is urgent
    assert (BP in evaluate(document, get_matcher()).codes) is urgent


def test_a_crisis_reading_is_found_with_its_date_and_source_for_the_clinician() -> None:
    reading = {"bp_systolic": 192, "bp_diastolic": 124, "bp_measured_on": "2026-06-14",
               "bp_source": "home_cuff"}
    assert urgent_findings(make_document(**reading)) == {BP: reading}


def test_a_high_risk_suicide_screen_is_found_but_an_unfinished_one_waits_for_submission() -> None:
    high = make_document(cssrs_q1="yes", cssrs_q2="yes", cssrs_q3="no", cssrs_q4="yes", cssrs_q5="no")
    unfinished = make_document(cssrs_q1="yes", cssrs_q2="yes", cssrs_q3=None, cssrs_q4=None, cssrs_q5=None)
    assert urgent_findings(high) == {"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}
    assert "SI_SCREEN_INCOMPLETE" in evaluate(unfinished, get_matcher()).codes
    assert urgent_findings(unfinished) == {}


def test_every_urgent_rule_of_the_catalogue_either_acts_on_a_draft_or_waits_for_submission() -> None:
    urgent = {rule.code for rule in CATALOGUE if rule.severity == Severity.URGENT}
    assert urgent == {*DRAFT_URGENT_CODES, *WAITS_FOR_SUBMISSION}


def test_a_finding_is_new_when_it_was_not_there_or_its_reading_changed() -> None:
    before = {BP: {"bp_systolic": 190, "bp_diastolic": 100}}
    assert new_findings(before, before) == {}
    assert new_findings(before, {}) == {}
    changed = {BP: {"bp_systolic": 200, "bp_diastolic": 100}}
    assert new_findings(before, changed) == changed
    both = {**before, "SI_CSSRS_HIGH": {"cssrs_q5": "yes"}}
    assert new_findings(before, both) == {"SI_CSSRS_HIGH": {"cssrs_q5": "yes"}}
