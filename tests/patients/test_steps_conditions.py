"""The other-conditions step (with breastfeeding, asked of everyone) and the pregnancy step."""

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.conditions import OtherConditionsForm, PregnancyForm
from tests.patients.answers import TODAY, complete_answers, step_data

urlpatterns: list = []
pytestmark = pytest.mark.urls(__name__)


def conditions(**overrides: object) -> OtherConditionsForm:
    return OtherConditionsForm(step_data("other-conditions", **overrides), answers={}, today=TODAY)


def test_a_bad_reaction_to_ketamine_asks_what_happened_and_needs_an_answer_once_shown() -> None:
    first = conditions(prior_ketamine_adverse_reaction="yes")
    assert first.errors == {"prior_ketamine_reaction_details": [
        "Tell us briefly what happened when you had a bad reaction"
    ]}
    assert "ketamine_reaction" in first.visible_followups()
    shown = conditions(prior_ketamine_adverse_reaction="yes", ketamine_reaction_shown="1")
    assert shown.errors == {"prior_ketamine_reaction_details": [
        "Tell us briefly what happened when you had a bad reaction"
    ]}


def test_the_reaction_is_kept_as_text_and_cleared_after_a_change_to_no() -> None:
    form = conditions(prior_ketamine_adverse_reaction="yes", ketamine_reaction_shown="1",
                      prior_ketamine_reaction_details="I felt panicky for an hour")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["prior_ketamine_reaction_details"] == "I felt panicky for an hour"
    changed = conditions(prior_ketamine_adverse_reaction="no", prior_ketamine_reaction_details="old text")
    assert changed.is_valid(), changed.errors
    assert changed.cleaned_answers()["prior_ketamine_reaction_details"] is None


def test_breastfeeding_is_asked_on_a_step_that_everyone_sees() -> None:
    form = conditions(breastfeeding="not_applicable")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["breastfeeding"] == "not_applicable"


def test_bladder_conditions_are_one_choice_including_none() -> None:
    form = conditions(bladder_condition="interstitial_cystitis",
                      respiratory_conditions=["osa_treated", "asthma"])
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["bladder_condition"] == "interstitial_cystitis"
    assert form.cleaned_answers()["respiratory_conditions"] == ["osa_treated", "asthma"]


def test_pregnancy_questions_offer_not_sure_but_never_not_applicable() -> None:
    html = render_crispy_form(PregnancyForm(answers={}, today=TODAY))
    assert "not_applicable" not in html
    assert html.count('value="unsure"') == 2
    form = PregnancyForm({"pregnancy_status": "not_applicable", "planning_pregnancy_12mo": "no"},
                         answers={}, today=TODAY)
    assert form.errors == {"pregnancy_status": ["Select whether you are pregnant"]}


def test_pregnancy_answers_are_stored() -> None:
    form = PregnancyForm(step_data("pregnancy", pregnancy_status="unsure", planning_pregnancy_12mo="yes"),
                         answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == {"pregnancy_status": "unsure", "planning_pregnancy_12mo": "yes"}


def test_review_rows_show_the_reaction_only_when_there_was_one() -> None:
    questions = [question for question, _ in OtherConditionsForm.review_rows(complete_answers())]
    assert "What happened?" not in questions
    rows = dict(OtherConditionsForm.review_rows(complete_answers(
        prior_ketamine_adverse_reaction="yes", prior_ketamine_reaction_details="Felt sick")))
    assert rows["What happened?"] == "Felt sick"
