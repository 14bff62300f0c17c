"""The shared check on typed names: no control or invisible characters."""

import pytest
from django.core.exceptions import ValidationError

from clinic.validators import validate_visible_text


@pytest.mark.parametrize(
    "text",
    ["zero\u200bwidth", "bidi\u202eoverride", "soft\u00adhyphen", "tab\there", "new\nline", "nul\x00",
     "bom\ufeff"],
)
def test_control_and_invisible_formatting_characters_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_visible_text(text)
    assert refused.value.messages == [
        "Remove hidden or special characters, such as tabs, line breaks or invisible spaces"
    ]


@pytest.mark.parametrize(
    "text", ["Ren\u00e9e O'Brien-Smith", "\u674e\u5c0f\u9f99", "Jos\u00e9 Mar\u00eda", "50 mg"]
)
def test_ordinary_names_in_any_script_are_accepted(text: str) -> None:
    assert validate_visible_text(text) is None
