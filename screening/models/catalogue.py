"""The rule catalogue's open-case counts, as last counted by the periodic task."""

from django.db import models


class RuleCaseCount(models.Model):
    """How many open cases carry a rule's flag in their current result, and when that was counted.

    The count joins every flag of every open case, so it runs in a Celery beat task each minute, not on
    each view of the catalogue (screening.services.catalogue).
    """

    code = models.CharField(max_length=64, unique=True)
    open_cases = models.PositiveIntegerField()
    counted_at = models.DateTimeField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.open_cases} open cases at {self.counted_at:%Y-%m-%d %H:%M}"
