"""What happened with an urgent case's crisis alert: the call's outcome, recorded with a note."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from patients.models import Intake
from review.models import AlertDisposition, FlagDisposition
from review.services.access import require_clinician
from review.services.flags import record, set_review
from screening.models import CrisisAlert, ScreeningFlag, Severity
from screening.services import acknowledge_alert


def record_alert_disposition(
    *, alert: CrisisAlert, by: User, kind: str, note: str, retry_at: datetime | None = None
) -> AlertDisposition:
    """Record what happened with an alert; acknowledges it if open; a final one settles the urgent flags."""
    require_clinician(by)
    check_disposition(kind=kind, note=note, retry_at=retry_at)
    with transaction.atomic():
        # The intake first, as every review and screening write does, so two writers never wait on each other.
        Intake.objects.select_for_update().only("pk").get(pk=alert.intake_id)
        locked = CrisisAlert.objects.select_for_update().get(pk=alert.pk)
        disposition = AlertDisposition(alert=locked, kind=kind, note=note.strip(), retry_at=retry_at, by=by)
        disposition.full_clean()
        disposition.save()
        if locked.is_open:
            acknowledge_alert(alert=locked, by=by)
        if disposition.is_final:
            settle_urgent_flags(intake_id=locked.intake_id, by=by, disposition=disposition)
    return disposition


def check_disposition(*, kind: str, note: str, retry_at: datetime | None) -> None:
    """Refuse an unknown kind, a missing note, and a retry time that is missing, past or not asked for."""
    if kind not in AlertDisposition.Kind.values:
        raise ValidationError({"kind": "Choose what happened."})
    if not note.strip():
        raise ValidationError({"note": "Write a note about what happened."})
    if kind == AlertDisposition.Kind.NOT_REACHED and (retry_at is None or retry_at <= timezone.now()):
        raise ValidationError({"retry_at": "Give the time, still to come, to try the patient again."})
    if kind != AlertDisposition.Kind.NOT_REACHED and retry_at is not None:
        raise ValidationError({"retry_at": "Give a retry time only when the patient could not be reached."})


def settle_urgent_flags(*, intake_id: int, by: User, disposition: AlertDisposition) -> None:
    """Mark the current urgent flags acknowledged, with the alert's outcome as their note."""
    urgent = ScreeningFlag.objects.select_for_update().select_related("result").filter(
        result__intake_id=intake_id, result__is_current=True, severity=Severity.URGENT,
        review_state=ScreeningFlag.ReviewState.OPEN,
    )
    note = f"Alert: {disposition.get_kind_display()}. {disposition.note}"
    for flag in urgent:
        set_review(flag, state=ScreeningFlag.ReviewState.ACKNOWLEDGED, by=by, note=note)
        record(flag, kind=FlagDisposition.Kind.ACKNOWLEDGED, by=by)
