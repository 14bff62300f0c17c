"""PHQ-9 and GAD-7 (every item required, stored as lists) and the C-SSRS screener's follow-ups."""

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.questionnaires import GAD7_ITEMS, PHQ9_ITEMS, STEM, QuestionnairesForm, SuicideScreenForm
from tests.patients.answers import TODAY, complete_answers, step_data

urlpatterns: list = []  # the forms render on their own, whatever state the project's URLs are in
pytestmark = pytest.mark.urls(__name__)

FOLLOWUPS = ("cssrs_q3", "cssrs_q4", "cssrs_q5")


def screener(data: dict, answers: dict | None = None) -> SuicideScreenForm:
    return SuicideScreenForm(data, answers=answers or {}, today=TODAY)


def test_scores_are_stored_as_the_lists_the_intake_document_uses() -> None:
    answers = complete_answers(phq9_items=[3, 2, 1, 0, 0, 1, 2, 3, 1], gad7_items=[0, 1, 2, 3, 3, 2, 1])
    form = QuestionnairesForm(step_data("questionnaires", answers), answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {
        "phq9_items": [3, 2, 1, 0, 0, 1, 2, 3, 1], "phq9_difficulty": "somewhat",
        "gad7_items": [0, 1, 2, 3, 3, 2, 1],
    }


def test_every_item_is_required_and_the_error_names_the_item() -> None:
    data = step_data("questionnaires")
    del data["phq9_9"], data["gad7_4"]
    form = QuestionnairesForm(data, answers={}, today=TODAY)
    assert form.errors == {
        "phq9_9": ["Select how often you have been bothered by this: thoughts that you would be better off "
                   "dead or of hurting yourself in some way"],
        "gad7_4": ["Select how often you have been bothered by this: trouble relaxing"],
    }


def test_a_score_outside_0_to_3_is_refused() -> None:
    form = QuestionnairesForm(step_data("questionnaires", phq9_1="4"), answers={}, today=TODAY)
    assert form.errors == {
        "phq9_1": [
            "Select how often you have been bothered by this: little interest or pleasure in doing things"
        ]
    }


def test_the_page_shows_the_stem_every_item_and_the_answer_labels() -> None:
    html = render_crispy_form(QuestionnairesForm(answers={}, today=TODAY))
    assert html.count(STEM) == 2
    for item in (*PHQ9_ITEMS, *GAD7_ITEMS):
        assert item.replace("'", "&#x27;") in html
    assert html.count("<legend") == 17
    assert html.count("More than half the days") == 16


def test_a_returning_patient_sees_their_earlier_scores_ticked() -> None:
    form = QuestionnairesForm(answers=complete_answers(phq9_items=[0, 0, 0, 0, 0, 0, 0, 0, 3]), today=TODAY)
    assert form.initial["phq9_9"] == 3
    assert 'name="phq9_9" value="3"  id="id_phq9_9_3" required checked' in render_crispy_form(form)


def test_no_to_question_2_needs_no_follow_ups_and_stores_them_as_not_asked() -> None:
    form = screener({"cssrs_q1": "yes", "cssrs_q2": "no", "cssrs_q6": "no"})
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {
        "cssrs_q1": "yes", "cssrs_q2": "no", "cssrs_q3": None, "cssrs_q4": None, "cssrs_q5": None,
        "cssrs_q6": "no", "cssrs_q6_past_3_months": None,
    }


def test_yes_to_question_2_without_javascript_shows_the_follow_ups_and_asks_for_them() -> None:
    form = screener({"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q6": "no"})
    assert not form.is_valid()
    assert form.errors["cssrs_q3"] == [
        "You answered yes to having thoughts of killing yourself. Answer the 3 questions about these "
        "thoughts that are now shown below"
    ]
    assert form.visible_followups() == ("cssrs_plans",)
    html = render_crispy_form(form)
    assert 'data-followup="cssrs_plans"' in html
    assert 'data-show-values="yes">' in html  # neither hidden nor disabled once shown


def test_follow_ups_are_required_once_shown() -> None:
    form = screener({"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes", "cssrs_q6": "no",
                     "cssrs_plans_shown": "1"})
    assert form.errors == {
        "cssrs_q4": [
            "Select whether, in the past month, you have had some intention of acting on these thoughts"
        ],
        "cssrs_q5": [
            "Select whether, in the past month, you have worked out the details of how to kill yourself "
            "and intend to carry out this plan"
        ],
    }


def test_answered_follow_ups_are_stored() -> None:
    form = screener({"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "yes", "cssrs_q4": "no",
                     "cssrs_q5": "no", "cssrs_q6": "yes", "cssrs_q6_past_3_months": "no",
                     "cssrs_plans_shown": "1", "cssrs_recent_behavior_shown": "1"})
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert [stored[name] for name in (*FOLLOWUPS, "cssrs_q6_past_3_months")] == ["yes", "no", "no", "no"]


def test_yes_to_question_6_asks_whether_it_was_in_the_past_3_months() -> None:
    form = screener({"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "yes"})
    assert form.errors == {"cssrs_q6_past_3_months": ["Answer whether this was in the past 3 months"]}
    shown = screener({"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "yes",
                      "cssrs_recent_behavior_shown": "1"})
    assert shown.errors == {
        "cssrs_q6_past_3_months": [
            "Select whether what you did to end your life was within the past 3 months"
        ]
    }


def test_changing_question_2_to_no_clears_the_earlier_follow_up_answers() -> None:
    earlier = complete_answers(cssrs_q2="yes", cssrs_q3="yes", cssrs_q4="yes", cssrs_q5="yes")
    form = screener({"cssrs_q1": "no", "cssrs_q2": "no", "cssrs_q6": "no", "cssrs_plans_shown": "1",
                     "cssrs_q3": "yes", "cssrs_q4": "yes", "cssrs_q5": "yes"}, answers=earlier)
    assert form.is_valid(), form.errors
    assert [form.cleaned_answers()[name] for name in FOLLOWUPS] == [None, None, None]


def test_follow_ups_start_hidden_and_disabled_so_the_browser_sends_nothing_from_them() -> None:
    html = render_crispy_form(screener(None, answers={}))
    assert html.count("disabled hidden") == 2
    assert 'data-controlled-by="cssrs_q2"' in html
    assert 'name="cssrs_plans_shown"' in html


def test_a_returning_patient_who_said_yes_to_question_2_sees_the_follow_ups() -> None:
    form = screener(None, answers=complete_answers(cssrs_q2="yes", cssrs_q3="no"))
    assert form.visible_followups() == ("cssrs_plans",)
    assert render_crispy_form(form).count("disabled hidden") == 1


def test_every_screener_question_is_a_fieldset_with_a_legend_and_speaks_to_the_patient() -> None:
    html = render_crispy_form(screener(None))
    assert html.count("<legend") == 7
    assert "have you wished you were dead" in html
    assert "the person" not in html


def test_review_rows_leave_out_follow_ups_that_were_not_asked() -> None:
    questions = [question for question, _ in SuicideScreenForm.review_rows(complete_answers())]
    assert len(questions) == 3
    asked = SuicideScreenForm.review_rows(complete_answers(cssrs_q2="yes", cssrs_q3="no", cssrs_q4="no",
                                                           cssrs_q5="no"))
    assert len(asked) == 6
