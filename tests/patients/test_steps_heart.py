"""The heart step: a blood pressure reading or none, history questions, dates known to the month."""

import pytest
from crispy_forms.utils import render_crispy_form

from patients.steps.heart import HeartForm
from tests.patients.answers import TODAY, step_data

urlpatterns: list = []
pytestmark = pytest.mark.urls(__name__)


def heart(**overrides: object) -> HeartForm:
    return HeartForm(step_data("heart", **overrides), answers={}, today=TODAY)


def test_a_reading_is_stored_as_numbers_and_an_iso_date() -> None:
    form = heart(bp_systolic="135", bp_diastolic="85", bp_measured_on="06/14/2026", bp_source="home_cuff")
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    reading = [stored[name] for name in ("bp_systolic", "bp_diastolic", "bp_measured_on")]
    assert reading == [135, 85, "2026-06-14"]
    assert stored["bp_source"] == "home_cuff"


def test_the_top_number_must_be_above_the_bottom_number() -> None:
    form = heart(bp_systolic="80", bp_diastolic="80")
    assert form.errors == {
        "bp_systolic": ["The top number of your blood pressure must be higher than the bottom number"]
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bp_systolic", "", "Enter the top number of your blood pressure, for example 120"),
        ("bp_systolic", "12o", "Enter the top number of your blood pressure, for example 120"),
        ("bp_systolic", "301", "Top number (systolic) must be between 60 and 300"),
        ("bp_diastolic", "29", "Bottom number (diastolic) must be between 30 and 200"),
        ("bp_diastolic", "", "Enter the bottom number of your blood pressure, for example 80"),
        ("bp_measured_on", "2026-06-16",
         "The date your blood pressure reading was taken must be today or in the past"),
        ("bp_measured_on", "", "Enter the date your blood pressure reading was taken"),
        ("bp_source", "", "Select where your blood pressure reading was taken"),
    ],
)
def test_a_missing_or_implausible_reading_is_refused_with_a_clear_message(
    field: str, value: str, message: str
) -> None:
    assert heart(**{field: value}).errors == {field: [message]}


def test_a_reading_taken_today_is_accepted() -> None:
    assert heart(bp_measured_on="2026-06-15").is_valid()


def test_without_a_recent_reading_the_reading_fields_are_stored_as_null() -> None:
    form = heart(has_bp_reading="no", bp_systolic="999")
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert [stored[name] for name in ("bp_systolic", "bp_diastolic", "bp_measured_on", "bp_source")] == [
        None, None, None, None,
    ]


def test_a_first_yes_to_having_a_reading_without_javascript_shows_the_reading_questions() -> None:
    data = {key: value for key, value in step_data("heart").items() if not key.startswith("bp_")}
    form = HeartForm(data, answers={}, today=TODAY)
    assert form.errors == {"bp_systolic": ["Enter your blood pressure reading below"]}
    assert "bp_reading" in form.visible_followups()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2024-02", "2024-02-29"), ("02/2023", "2023-02-28"), ("2024-11-05", "2024-11-05"),
     ("11/05/2024", "2024-11-05"), ("2026-06", "2026-06-15"), ("", None)],
)
def test_a_stroke_date_may_be_given_to_the_month_and_is_stored_as_the_last_day_of_that_month(
    typed: str, stored: str | None
) -> None:
    form = heart(hx_ischemic_stroke_or_tia="yes", stroke_tia_most_recent_date=typed, stroke_date_shown="1")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["stroke_tia_most_recent_date"] == stored


@pytest.mark.parametrize("typed", ["2026-07", "2026-06-16", "13/2024", "2024-00", "last spring"])
def test_a_future_or_unreadable_stroke_date_is_refused(typed: str) -> None:
    form = heart(hx_ischemic_stroke_or_tia="yes", stroke_tia_most_recent_date=typed, stroke_date_shown="1")
    assert not form.is_valid()
    assert list(form.errors) == ["stroke_tia_most_recent_date"]


def test_the_stroke_date_is_asked_only_after_a_yes_and_may_be_left_blank() -> None:
    first_yes = heart(hx_ischemic_stroke_or_tia="yes")
    assert first_yes.errors == {"stroke_tia_most_recent_date": [
        "Tell us when the most recent one was, or leave this blank if you don't know"
    ]}
    assert heart(hx_ischemic_stroke_or_tia="yes", stroke_date_shown="1").is_valid()
    unsure = heart(hx_ischemic_stroke_or_tia="unsure", stroke_tia_most_recent_date="2024-01")
    assert unsure.is_valid(), unsure.errors
    assert unsure.cleaned_answers()["stroke_tia_most_recent_date"] is None


@pytest.mark.parametrize("question", ["hx_mi", "hx_unstable_angina", "hx_coronary_revascularization"])
def test_the_heart_attack_date_is_asked_after_a_yes_to_any_of_the_three_questions(question: str) -> None:
    form = heart(**{question: "yes"}, acs_most_recent_date="2025-09", acs_date_shown="1")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["acs_most_recent_date"] == "2025-09-30"
    assert "acs_date" in form.visible_followups()


def test_the_heart_attack_date_is_cleared_when_all_three_answers_are_no_or_unsure() -> None:
    form = heart(hx_mi="unsure", acs_most_recent_date="2025-09", acs_date_shown="1")
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["acs_most_recent_date"] is None


def test_other_heart_conditions_need_a_tick_or_none_of_these_but_not_both() -> None:
    assert heart(other_cv_conditions=[]).errors == {
        "other_cv_conditions": [
            "Select the heart or blood vessel conditions you have, or \u201cNo, none of these\u201d"
        ]
    }
    assert heart(other_cv_conditions=["none", "arrhythmia"]).errors == {
        "other_cv_conditions": [
            "Select the heart or blood vessel conditions you have, or \u201cNo, none of these\u201d on its "
            "own"
        ]
    }
    form = heart(other_cv_conditions=["arrhythmia", "unsure"])
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["other_cv_conditions"] == ["arrhythmia", "unsure"]


def test_medical_terms_come_with_plain_words_and_every_history_question_offers_not_sure() -> None:
    html = render_crispy_form(HeartForm(answers={}, today=TODAY))
    assert "Have you ever had bleeding in the brain?" in html
    assert "Also called a brain bleed or hemorrhagic stroke." in html
    assert html.count("I&#x27;m not sure") == 11
