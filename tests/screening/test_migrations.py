"""Data migrations of the screening app."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

import screening.migrations
from screening.models import CrisisAlert
from tests.factories import DraftIntakeFactory

pytestmark = pytest.mark.django_db


def migration(suffix: str) -> object:
    """The migration module named *_<suffix>, whatever number it was given when branches were merged."""
    folder = Path(screening.migrations.__file__).parent
    (path,) = folder.glob(f"*_{suffix}.py")
    return importlib.import_module(f"screening.migrations.{path.stem}")


def test_alerts_raised_from_drafts_before_reasons_were_kept_are_recorded_as_suicide_risk() -> None:
    old = CrisisAlert.objects.create(intake=DraftIntakeFactory(), source="unsent_intake")
    kept = [{"code": "CARDIO_BP_CRISIS_RANGE", "evidence": {"bp_systolic": 190},
             "found_at": "2026-06-15T09:00:00+00:00"}]
    newer = CrisisAlert.objects.create(intake=DraftIntakeFactory(), source="unsent_intake", reasons=kept)

    migration("urgent_answers_before_submission").record_past_reasons(apps, None)

    old.refresh_from_db()
    newer.refresh_from_db()
    assert old.reasons == [{"code": "SI_CSSRS_HIGH", "evidence": {}, "found_at": old.raised_at.isoformat()}]
    assert newer.reasons == kept
