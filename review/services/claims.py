"""Claiming a case so that two clinicians do not review it at once; a claim lapses after a set time."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from patients.models import Intake
from review.config import get_review_settings
from review.models import Claim
from review.services.access import require_clinician


def lock_intake(intake: Intake) -> Intake:
    """The intake's row, locked until the transaction ends (every review write locks it first)."""
    return Intake.objects.select_for_update().get(pk=intake.pk)


def claim_case(*, intake: Intake, by: User) -> Claim:
    """Claim a waiting case for this clinician; refused while another clinician's claim holds."""
    require_clinician(by)
    with transaction.atomic():
        locked = lock_intake(intake)
        if locked.status not in Intake.QUEUE_STATUSES:
            raise ValidationError("Only a case waiting for review can be claimed.")
        return hold_claim(locked, by=by)


def hold_claim(intake: Intake, *, by: User) -> Claim:
    """Claim the locked intake for `by` now (or renew their claim) and mark it in review."""
    lapse = get_review_settings().claim_lapse
    now = timezone.now()
    claim = Claim.objects.select_related("clinician").filter(intake=intake).first()
    if claim is not None and claim.clinician_id != by.pk and claim.is_active(now=now, lapse=lapse):
        holder = claim.clinician.get_full_name() or claim.clinician.email
        until = timezone.localtime(claim.claimed_at + lapse)
        raise ValidationError(f"{holder} is reviewing this case; their claim lapses at {until:%H:%M}.")
    claim = claim or Claim(intake=intake)
    claim.clinician, claim.claimed_at = by, now
    claim.full_clean(validate_unique=False)
    claim.save()
    if intake.status == Intake.Status.SUBMITTED:
        intake.set_status(Intake.Status.IN_REVIEW, by=by, note="Claimed for review")
    return claim


def release_case(*, intake: Intake, by: User) -> None:
    """Give up this clinician's claim (a lapsed claim of anyone's may be cleared too)."""
    require_clinician(by)
    with transaction.atomic():
        locked = lock_intake(intake)
        claim = Claim.objects.filter(intake=locked).first()
        if claim is None:
            return
        lapse = get_review_settings().claim_lapse
        if claim.clinician_id != by.pk and claim.is_active(now=timezone.now(), lapse=lapse):
            raise ValidationError("Another clinician is reviewing this case; only they can release it.")
        claim.delete()


def drop_claim(intake: Intake) -> None:
    """Remove the claim once a case is decided: nobody is reviewing it any more."""
    Claim.objects.filter(intake=intake).delete()
