"""Dispositions of flags: acknowledge a precaution or information, override an exclusion, co-sign it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from patients.models import Intake
from review.config import get_review_settings
from review.models import FlagDisposition
from review.services.access import require_clinician
from review.services.claims import hold_claim
from screening.models import OverrideReason, ScreeningFlag, Severity

ACKNOWLEDGEABLE = (Severity.PRECAUTION, Severity.INFO)


def lock_current_flag(flag: ScreeningFlag) -> tuple[Intake, ScreeningFlag]:
    """The flag's intake and the flag, both locked; refused unless it is current on a case in review."""
    intake = Intake.objects.select_for_update().get(pk=flag.result.intake_id)
    locked = ScreeningFlag.objects.select_for_update().select_related("result").get(pk=flag.pk)
    if not locked.result.is_current:
        raise ValidationError("This flag is from an earlier screening; review the current one.")
    if intake.status not in Intake.QUEUE_STATUSES:
        raise ValidationError("Flags can be reviewed only while the case waits for review.")
    return intake, locked


def acknowledge_flag(*, flag: ScreeningFlag, by: User, note: str = "") -> ScreeningFlag:
    """Record that a clinician has read a precaution or information flag, with an optional note."""
    require_clinician(by)
    with transaction.atomic():
        intake, locked = lock_current_flag(flag)
        if locked.severity not in ACKNOWLEDGEABLE:
            raise ValidationError(not_acknowledgeable(locked))
        require_open(locked)
        hold_claim(intake, by=by)
        set_review(locked, state=ScreeningFlag.ReviewState.ACKNOWLEDGED, by=by, note=note.strip())
        record(locked, kind=FlagDisposition.Kind.ACKNOWLEDGED, by=by)
    return locked


def override_flag(*, flag: ScreeningFlag, by: User, reason: str, note: str) -> ScreeningFlag:
    """Set an exclusion aside with a reason from the fixed list and a note (co-signed later if required)."""
    require_clinician(by)
    if reason not in OverrideReason.values:
        raise ValidationError({"reason": "Choose the reason for the override from the list."})
    if not note.strip():
        raise ValidationError({"note": "Write a note explaining the override."})
    with transaction.atomic():
        intake, locked = lock_current_flag(flag)
        if locked.severity != Severity.EXCLUSION:
            raise ValidationError("Only an exclusion is overridden; acknowledge other flags.")
        require_open(locked)
        hold_claim(intake, by=by)
        locked.override_reason = reason
        set_review(locked, state=ScreeningFlag.ReviewState.OVERRIDDEN, by=by, note=note.strip())
        record(locked, kind=FlagDisposition.Kind.OVERRIDDEN, by=by)
    return locked


def cosign_override(*, flag: ScreeningFlag, by: User) -> ScreeningFlag:
    """A second clinician's co-signature of an override; never the clinician who made it."""
    require_clinician(by)
    if not get_review_settings().cosignature_required:
        raise ValidationError("The clinic does not ask for co-signatures: the override stands on its own.")
    with transaction.atomic():
        _, locked = lock_current_flag(flag)
        if locked.review_state != ScreeningFlag.ReviewState.OVERRIDDEN or locked.cosigned_by_id:
            raise ValidationError("Only an override that nobody has co-signed yet can be co-signed.")
        if locked.reviewed_by_id == by.pk:
            raise ValidationError("A second clinician must co-sign: you made this override.")
        locked.cosigned_by, locked.cosigned_at = by, timezone.now()
        locked.full_clean()
        locked.save(update_fields=["cosigned_by", "cosigned_at"])
        record(locked, kind=FlagDisposition.Kind.COSIGNED, by=by, at=locked.cosigned_at)
    return locked


def require_open(flag: ScreeningFlag) -> None:
    if not flag.is_open:
        raise ValidationError(f"{flag.code} has already been {flag.get_review_state_display().lower()}.")


def not_acknowledgeable(flag: ScreeningFlag) -> str:
    if flag.severity == Severity.EXCLUSION:
        return "An exclusion cannot be acknowledged: override it, with a reason and a note."
    return "An urgent flag is dealt with by recording what happened with its alert."


def set_review(flag: ScreeningFlag, *, state: str, by: User, note: str) -> None:
    """Save the flag's review state, who and when (the caller holds the lock)."""
    flag.review_state, flag.review_reason = state, note
    flag.reviewed_by, flag.reviewed_at = by, timezone.now()
    flag.full_clean()
    flag.save()


def record(flag: ScreeningFlag, *, kind: str, by: User, at: object = None) -> FlagDisposition:
    """Append the disposition to the case's history (it outlives the flag's result)."""
    disposition = FlagDisposition(
        intake_id=flag.result.intake_id, flag=flag, code=flag.code, severity=flag.severity, kind=kind,
        override_reason=flag.override_reason if kind == FlagDisposition.Kind.OVERRIDDEN else "",
        note=flag.review_reason if kind != FlagDisposition.Kind.COSIGNED else "", by=by,
        at=at or flag.reviewed_at,
    )
    disposition.full_clean()
    disposition.save()
    return disposition
