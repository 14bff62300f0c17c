"""Validators for text people type, shared by the accounts and intake forms."""

import unicodedata

from django.core.exceptions import ValidationError

# Cc: control characters (tab, newline, NUL...); Cf: invisible formatting (zero-width space, bidi marks).
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf"})


def validate_visible_text(value: str) -> None:
    """Refuse typed names holding control or invisible characters, which hide what a reviewer reads."""
    if any(unicodedata.category(character) in FORBIDDEN_CATEGORIES for character in value):
        raise ValidationError(
            "Remove hidden or special characters, such as tabs, line breaks or invisible spaces",
            code="invisible_character",
        )
