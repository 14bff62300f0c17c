"""The logistics step and the review step's consent and signature."""

import pytest

from patients.steps.logistics import ConsentForm, LogisticsForm
from tests.patients.answers import TODAY, step_data


def test_interest_in_treatment_routes_and_a_ride_home_are_stored() -> None:
    data = step_data("logistics", treatment_routes=["at_home", "unsure"], has_escort_transport="no")
    form = LogisticsForm(data, answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["treatment_routes"] == ["at_home", "unsure"]
    assert form.cleaned_answers()["has_escort_transport"] == "no"


def test_a_ride_home_needs_an_answer() -> None:
    data = step_data("logistics")
    del data["has_escort_transport"]
    form = LogisticsForm(data, answers={}, today=TODAY)
    assert form.errors == {
        "has_escort_transport": ["Select whether someone will be able to take you home after each treatment"]
    }


def test_every_consent_statement_must_be_ticked() -> None:
    data = step_data("review")
    del data["consent_not_monitored"]
    form = ConsentForm(data, answers={}, today=TODAY)
    assert form.errors == {
        "consent_not_monitored": ["Confirm that you understand this form is not watched live"]
    }


def test_the_typed_signature_is_stored() -> None:
    form = ConsentForm(step_data("review", consent_signature="  Alex Rivera "), answers={}, today=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["consent_signature"] == "Alex Rivera"


@pytest.mark.parametrize("signature", ["", "Alex\u200b Rivera", "Alex\nRivera"])
def test_an_empty_or_disguised_signature_is_refused(signature: str) -> None:
    form = ConsentForm(step_data("review", consent_signature=signature), answers={}, today=TODAY)
    assert list(form.errors) == ["consent_signature"]
