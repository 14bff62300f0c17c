"""The form rules every app shares: one value per single-answer field, and typed text in NFC."""

from django import forms
from django.http import QueryDict

from clinic.forms import SingleValueForm, SingleValueFormSet, VisibleTextField


class Example(SingleValueForm):
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple,
                                     required=False)
    when = forms.SplitDateTimeField(required=False)
    name = VisibleTextField(required=False)


def example(query: str) -> Example:
    return Example(QueryDict(query))


def test_a_single_answer_sent_twice_is_an_error_on_that_field_and_is_not_cleaned() -> None:
    form = example("colour=red&colour=blue")
    assert not form.is_valid()
    assert form.errors["colour"] == [
        "Give one answer to \u201cColour\u201d. We received more than one, so this page was not saved"
    ]
    assert "colour" not in form.cleaned_data
    assert list(form.refused_keys()) == ["colour"]


def test_the_same_value_sent_twice_is_refused_too() -> None:
    assert not example("colour=red&colour=red").is_valid()


def test_several_values_for_a_multiple_choice_question_are_its_answer() -> None:
    form = example("colour=red&tags=a&tags=b")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["a", "b"]


def test_each_box_of_a_split_field_may_be_sent_once_only() -> None:
    form = example("colour=red&when_0=2026-01-02&when_1=10:00&when_1=11:00")
    assert not form.is_valid()
    assert list(form.refused_keys()) == ["when_1"]


def test_a_plain_dict_of_data_has_one_value_per_key_and_is_cleaned_as_usual() -> None:
    assert Example({"colour": "blue"}).is_valid()


def test_typed_text_is_stored_in_nfc() -> None:
    form = example("colour=red&name=Rene%CC%81e")
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Ren\u00e9e"


class Row(SingleValueForm):
    name = forms.CharField(required=False)


Rows = forms.formset_factory(Row, formset=SingleValueFormSet, extra=0)


def test_a_formset_refuses_a_row_count_sent_twice_instead_of_dropping_rows() -> None:
    data = QueryDict("r-TOTAL_FORMS=2&r-TOTAL_FORMS=1&r-INITIAL_FORMS=0&r-0-name=a&r-1-name=b")
    rows = Rows(data, prefix="r")
    assert not rows.is_valid()
    assert rows.non_form_errors()


def test_a_formset_row_sent_twice_is_refused() -> None:
    rows = Rows(QueryDict("r-TOTAL_FORMS=1&r-INITIAL_FORMS=0&r-0-name=a&r-0-name=b"), prefix="r")
    assert not rows.is_valid()
    assert "Give one answer" in rows.errors[0]["name"][0]
