"""The step registry: order, applicability, resuming, clearing answers that no longer apply."""

import pytest

from patients.steps import STEPS, clear_inapplicable, first_unfinished, get_step, needs_crisis_help, steps_for
from patients.steps.choices import CHOICES
from screening.document import ENUMS
from tests.patients.answers import TODAY, complete_answers, step_data

ALL_SLUGS = [step.slug for step in STEPS]


def test_the_steps_run_from_about_you_to_the_review_and_signature() -> None:
    assert ALL_SLUGS == [
        "about-you", "why-care", "questionnaires", "suicide-screen", "mental-health", "alcohol-drugs",
        "heart", "other-conditions", "pregnancy", "medicines", "logistics", "review",
    ]


def test_someone_who_cannot_become_pregnant_has_one_step_fewer_and_no_pregnancy_page() -> None:
    assert len(steps_for(complete_answers(can_become_pregnant="yes"))) == 12
    assert len(steps_for(complete_answers(can_become_pregnant="unsure"))) == 12
    steps = steps_for(complete_answers(can_become_pregnant="no"))
    assert len(steps) == 11
    assert "pregnancy" not in [step.slug for step in steps]


def test_get_step_finds_a_step_by_slug_and_raises_key_error_for_an_unknown_one() -> None:
    assert get_step("heart").title == "Blood pressure, heart and blood vessels"
    with pytest.raises(KeyError):
        get_step("no-such-step")


def test_first_unfinished_is_the_first_applicable_step_not_yet_completed() -> None:
    answers = complete_answers(can_become_pregnant="no")
    done = ALL_SLUGS[:8]
    assert first_unfinished(answers, done).slug == "medicines"
    assert first_unfinished({}, []).slug == "about-you"


def test_first_unfinished_returns_the_pregnancy_step_once_it_starts_to_apply() -> None:
    done = [slug for slug in ALL_SLUGS if slug != "pregnancy"]
    assert first_unfinished(complete_answers(can_become_pregnant="no"), done) is None
    assert first_unfinished(complete_answers(can_become_pregnant="unsure"), done).slug == "pregnancy"


def test_clearing_removes_pregnancy_answers_after_cannot_become_pregnant() -> None:
    cleared = clear_inapplicable(complete_answers(can_become_pregnant="no", pregnancy_status="pregnant"))
    assert "pregnancy_status" not in cleared
    assert "planning_pregnancy_12mo" not in cleared
    assert cleared["breastfeeding"] == "no"


def test_clearing_removes_cssrs_follow_ups_when_question_2_changes_to_no() -> None:
    answers = complete_answers(cssrs_q2="no", cssrs_q3="yes", cssrs_q4="yes", cssrs_q5="no")
    cleared = clear_inapplicable(answers)
    assert {"cssrs_q3", "cssrs_q4", "cssrs_q5"}.isdisjoint(cleared)
    kept = clear_inapplicable(complete_answers(cssrs_q2="yes", cssrs_q3="yes", cssrs_q4="no", cssrs_q5="no"))
    assert (kept["cssrs_q3"], kept["cssrs_q4"], kept["cssrs_q5"]) == ("yes", "no", "no")


@pytest.mark.parametrize(
    ("overrides", "removed"),
    [
        ({"cssrs_q6": "no", "cssrs_q6_past_3_months": "yes"}, "cssrs_q6_past_3_months"),
        ({"hx_ischemic_stroke_or_tia": "unsure", "stroke_tia_most_recent_date": "2025-01-31"},
         "stroke_tia_most_recent_date"),
        ({"acs_most_recent_date": "2024-05-31"}, "acs_most_recent_date"),
        ({"has_bp_reading": "no"}, "bp_systolic"),
        ({"prior_ketamine_reaction_details": "Panic"}, "prior_ketamine_reaction_details"),
    ],
)
def test_clearing_removes_each_follow_up_whose_trigger_is_not_yes(overrides: dict, removed: str) -> None:
    assert removed not in clear_inapplicable(complete_answers(**overrides))


def test_clearing_keeps_the_acs_date_when_any_one_of_the_three_acs_answers_is_yes() -> None:
    for question in ("hx_mi", "hx_unstable_angina", "hx_coronary_revascularization"):
        answers = complete_answers(**{question: "yes"}, acs_most_recent_date="2024-05-31")
        assert clear_inapplicable(answers)["acs_most_recent_date"] == "2024-05-31"


def test_clearing_does_not_change_the_answers_passed_in() -> None:
    answers = complete_answers(can_become_pregnant="no")
    clear_inapplicable(answers)
    assert answers["pregnancy_status"] == "not_pregnant"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, False),
        ({"phq9_items": [0] * 9}, False),
        ({"phq9_items": [0] * 8 + [1]}, True),
        ({"cssrs_q1": "yes"}, True),
        ({"cssrs_q2": "yes"}, True),
        ({"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "yes"}, False),
    ],
)
def test_crisis_help_is_needed_for_item_9_above_0_or_a_yes_to_cssrs_1_or_2(
    answers: dict, expected: bool
) -> None:
    assert needs_crisis_help(answers) is expected


def test_every_enum_offers_exactly_the_values_of_the_intake_document() -> None:
    assert set(CHOICES) == set(ENUMS)
    for field, allowed in ENUMS.items():
        assert {value for value, _ in CHOICES[field]} == set(allowed), field


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_step_accepts_its_part_of_the_complete_answers_and_stores_it_unchanged(slug: str) -> None:
    answers = complete_answers()
    form = get_step(slug).form_class(step_data(slug, answers), answers=answers, today=TODAY)
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert stored == {name: answers[name] for name in stored}


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_step_refuses_an_empty_submission(slug: str) -> None:
    form = get_step(slug).form_class({}, answers={}, today=TODAY)
    assert not form.is_valid()
    assert form.errors


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_step_lists_its_answers_in_words_for_the_review_page(slug: str) -> None:
    rows = get_step(slug).form_class.review_rows(complete_answers())
    assert rows
    assert all(question and answer for question, answer in rows)
