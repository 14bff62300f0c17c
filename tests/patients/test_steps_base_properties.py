"""Every step form against random duplicated, missing and extra values: refused, or saved as it reads back."""

from collections.abc import Callable

import pytest
from django import forms
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patients.steps import STEPS, get_step
from tests.patients.answers import TODAY, complete_answers, step_data
from tests.patients.test_steps_base import EVERY_QUESTION, as_query, single_value_keys

pytestmark = pytest.mark.django_db
SLUGS = [step.slug for step in STEPS]
EXTRA_NAMES = ("action", "csrfmiddlewaretoken", "not_a_question", "cssrs_q1", "medications-7-name", "x" * 40)
TEXT = st.text(max_size=12)


def bound_keys(form: forms.BaseForm) -> set[str]:
    """The single-answer inputs the bound form reads: its own, its rows' and the row count."""
    keys = set(single_value_keys(form))
    formset = getattr(form, "formset", None)
    if formset is not None:
        keys |= set(single_value_keys(formset.management_form))
        for row in formset.forms:
            keys |= set(single_value_keys(row))
    return keys


@st.composite
def mangled_posts(draw: Callable, slug: str) -> QueryDict:
    """A step's complete POST data with a few values sent twice, left out, changed or added."""
    data = as_query(step_data(slug, draw(st.sampled_from([EVERY_QUESTION, complete_answers()]))))
    form = get_step(slug).form_class(data, answers={}, today=TODAY)
    names = sorted({*data.keys(), *bound_keys(form)})
    choices = (getattr(field, "choices", ()) for field in form.fields.values())
    options = sorted({str(choice) for offered in choices for choice, _ in offered})
    values = st.one_of(st.sampled_from([*options, "", "0", "250", "1985-03-02", "2019-05"]), TEXT)
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        change = draw(st.sampled_from(["twice", "drop", "extra", "replace"]))
        name = draw(st.sampled_from(names if change != "extra" else [*names, *EXTRA_NAMES]))
        if change == "drop":
            data.pop(name, None)
        elif change == "replace":
            data.setlist(name, [draw(values)])
        else:
            same = change == "twice" and draw(st.booleans())
            data.appendlist(name, data.get(name, "") if same else draw(values))
    return data


@pytest.mark.parametrize("slug", SLUGS)
def test_a_mangled_page_is_refused_or_saves_answers_that_read_back_the_same(slug: str) -> None:
    form_class = get_step(slug).form_class

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=mangled_posts(slug))
    def check(data: QueryDict) -> None:
        form = form_class(data, answers={}, today=TODAY)
        sent_twice = sorted(key for key in bound_keys(form) if len(data.getlist(key)) > 1)
        if not form.is_valid():
            return
        assert not sent_twice, f"accepted {sent_twice} sent twice: {data!r}"
        saved = form.cleaned_answers()
        again = form_class(as_query(step_data(slug, {**EVERY_QUESTION, **saved})), answers={}, today=TODAY)
        assert again.is_valid(), again.errors
        assert again.cleaned_answers() == saved

    check()
