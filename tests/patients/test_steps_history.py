"""The mental-health and alcohol-and-drugs steps."""

from patients.steps.history import AlcoholDrugsForm, MentalHealthForm
from tests.patients.answers import TODAY, complete_answers, step_data


def drugs(**overrides: object) -> AlcoholDrugsForm:
    return AlcoholDrugsForm(step_data("alcohol-drugs", **overrides), answers={}, today=TODAY)


def test_substances_used_in_the_last_30_days_also_count_as_used_in_the_last_12_months() -> None:
    form = drugs(substances_past_12mo=["alcohol"], substances_past_30d=["cannabis", "alcohol"])
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert stored["substances_past_12mo"] == ["alcohol", "cannabis"]
    assert stored["substances_past_30d"] == ["cannabis", "alcohol"]


def test_none_of_these_is_stored_as_an_empty_list_and_shown_ticked_again() -> None:
    form = drugs(substances_past_12mo=["none"], substances_past_30d=["none"])
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["substances_past_12mo"] == []
    again = AlcoholDrugsForm(answers=form.cleaned_answers(), today=TODAY)
    assert again.initial["substances_past_12mo"] == ["none"]


def test_an_unticked_substance_question_is_an_error_not_a_no() -> None:
    data = step_data("alcohol-drugs")
    del data["substances_past_30d"]
    form = AlcoholDrugsForm(data, answers={}, today=TODAY)
    assert form.errors == {
        "substances_past_30d": [
            "Select the drugs you have used in the last 30 days, or \u201cNo, none of these\u201d"
        ]
    }


def test_psychosis_diagnoses_are_a_list_and_not_sure_is_offered_for_episodes() -> None:
    diagnoses = ["schizophrenia", "psychotic_depression"]
    data = step_data("mental-health", psychotic_disorder_dx_lifetime=diagnoses,
                     psychotic_episode_ever="unsure", bipolar_dx="unsure")
    form = MentalHealthForm(data, answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    stored = form.cleaned_answers()
    assert stored["psychotic_disorder_dx_lifetime"] == ["schizophrenia", "psychotic_depression"]
    assert (stored["psychotic_episode_ever"], stored["bipolar_dx"]) == ("unsure", "unsure")


def test_ptsd_diagnosis_offers_only_yes_or_no_as_the_spec_lists() -> None:
    form = MentalHealthForm(step_data("mental-health", ptsd_dx="unsure"), answers={}, today=TODAY)
    assert form.errors == {"ptsd_dx": ["Select whether a doctor has ever told you that you have PTSD"]}


def test_review_rows_name_the_substances_in_plain_words() -> None:
    rows = dict(AlcoholDrugsForm.review_rows(complete_answers(substances_past_12mo=["cannabis", "pcp"])))
    assert rows["In the last 12 months, have you used any of these?"] == (
        "Cannabis (marijuana, weed), PCP (angel dust)"
    )
