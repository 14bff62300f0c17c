"""Validators of the intake forms: the project's rule for typed text, which registration applies too."""

from clinic.validators import validate_visible_text

__all__ = ["validate_visible_text"]
