"""The clinic's medication dictionary: typed names mapped to drug classes, editable by the admin."""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from screening.medications import SEED_CSV, basic_normalize, read_dictionary_csv

CLASS_SEPARATOR = "|"


@lru_cache(maxsize=1)
def known_classes() -> frozenset[str]:
    """Every drug class the specification's dictionary uses (the ones the rules react to), plus NONE."""
    return frozenset(cls for entry in read_dictionary_csv(SEED_CSV) for cls in entry.classes)


class MedicationName(models.Model):
    """One name a patient may type (brand or generic), with the classes the rules read."""

    class Evidence(models.TextChoices):
        VERIFIED = "V", "V: read in the source"
        SECONDARY = "P", "P: read in a secondary source"
        UNVERIFIED = "U", "U: not verified"

    name = models.CharField(
        max_length=120, unique=True, help_text="What a patient types, e.g. \"xanax xr\"; stored lower case."
    )
    generic = models.CharField(max_length=200)
    classes = models.CharField(
        max_length=300,
        help_text='One or more drug classes joined with "|", e.g. BARBITURATE|OPIOID; NONE means '
        "recognised but not flagged.",
    )
    evidence = models.CharField(max_length=1, choices=Evidence.choices, default=Evidence.UNVERIFIED)
    is_active = models.BooleanField(default=True, help_text="Inactive names are ignored by screening.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()  # who added, changed or removed a name, and when

    class Meta:
        ordering = ["name"]
        verbose_name = "medication name"
        constraints = [models.CheckConstraint(condition=~models.Q(name=""), name="medication_name_not_blank")]

    def __str__(self) -> str:
        return self.name

    @property
    def class_set(self) -> frozenset[str]:
        return frozenset(part for part in self.classes.split(CLASS_SEPARATOR) if part)

    def clean(self) -> None:
        # The matcher compares normalised text, so a key stored any other way could never match.
        self.name = basic_normalize(self.name or "")
        if not self.name:
            raise ValidationError({"name": "Give the name as a patient would type it."})
        parts = [part.strip().upper() for part in (self.classes or "").split(CLASS_SEPARATOR) if part.strip()]
        unknown = sorted(set(parts) - known_classes())
        if not parts:
            raise ValidationError({"classes": "Give at least one class (NONE if it should not be flagged)."})
        if unknown:
            known = ", ".join(sorted(known_classes()))
            raise ValidationError({"classes": f"Unknown class {', '.join(unknown)}. Known classes: {known}."})
        self.classes = CLASS_SEPARATOR.join(dict.fromkeys(parts))
