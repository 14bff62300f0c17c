"""Storing screening results: one current result per intake, its flags, and what changed since the last."""

import json
import logging
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from patients.models import Intake
from screening.document import InvalidDocument
from screening.medications import MedicationMatcher
from screening.models import OUTCOME_RANK, Reason, ScreeningChange, ScreeningFlag, ScreeningResult
from screening.rules import RULESET_VERSION, Flag
from screening.rules import ScreeningResult as Evaluation
from screening.services.alerts import raise_crisis_alert
from screening.services.matching import current_dictionary_version, screen_document, versioned_matcher

logger = logging.getLogger(__name__)
# What a clinician decided about a flag, carried to the next result when the same finding fires again.
REVIEW_FIELDS = (
    "review_state", "review_reason", "reviewed_by_id", "reviewed_at", "override_reason", "cosigned_by_id",
    "cosigned_at", "added_by_rescreen",
)
# Rows made here from the engine's verdict are checked field by field in Python; their foreign keys,
# uniqueness and check constraints are the database's to enforce, not a round trip each before the insert.
NO_ROUND_TRIPS = {
    "exclude": ["intake", "previous", "new", "result", "reviewed_by", "cosigned_by"],
    "validate_unique": False,
    "validate_constraints": False,
}


def screen_intake(
    *, intake: Intake, reason: str, caller_saves_intake: bool = False, first: bool = False
) -> ScreeningResult:
    """Screen the intake's frozen document and store the result as current; raises InvalidDocument.

    With `caller_saves_intake` the caller holds the intake's row lock and saves its outcome with its own
    write (a submission does, with the status); see store_evaluation. `first` says the intake has never
    been screened (a draft being sent), so there is no current result to look for.
    """
    matcher, version = versioned_matcher()
    evaluation = screen_document(intake.document, matcher=matcher)
    return store_evaluation(
        intake=intake, evaluation=evaluation, reason=reason, dictionary_version=version,
        caller_saves_intake=caller_saves_intake, first=first,
    )


def rescreen_intakes(*, intake_ids: Iterable[int], reason: str | None = None) -> list[ScreeningResult]:
    """Screen active intakes again and return the new results; no reason means why each was outdated."""
    matcher, version = versioned_matcher()
    stored = [
        rescreen_one(intake_id=pk, reason=reason, matcher=matcher, dictionary_version=version)
        for pk in intake_ids
    ]
    return [result for result in stored if result is not None]


def rescreen_one(
    *, intake_id: int, reason: str | None, matcher: MedicationMatcher, dictionary_version: str
) -> ScreeningResult | None:
    """Screen one active intake again; stores nothing if it is closed, invalid or its verdict unchanged."""
    with transaction.atomic():
        intake = Intake.objects.active_cases().select_for_update().filter(pk=intake_id).first()
        evaluation = evaluate_intake(intake, matcher) if intake is not None else None
        if evaluation is None:
            return None
        current = intake.screening_results.filter(is_current=True).first()
        if current is not None and same_verdict(current, evaluation):
            mark_checked(current, dictionary_version)
            return None
        reason = reason or outdated_reason(current, dictionary_version)
        return store_evaluation(
            intake=intake, evaluation=evaluation, reason=reason, dictionary_version=dictionary_version
        )


def evaluate_intake(intake: Intake, matcher: MedicationMatcher) -> Evaluation | None:
    """The rules' verdict on the intake's document, or None (logged) when the document is invalid."""
    try:
        return screen_document(intake.document, matcher=matcher)
    except InvalidDocument as exc:
        logger.warning("screening: intake %s has an invalid document: %s", intake.pk, exc)
        return None


def mark_checked(current: ScreeningResult, version: str) -> None:
    """Record that the current result still holds under this dictionary, so it is not checked again."""
    if current.dictionary_version != version:
        # Bookkeeping only: the clinician saw nothing change, so no new result and no ScreeningChange.
        ScreeningResult.objects.filter(pk=current.pk).update(dictionary_version=version)
        current.dictionary_version = version


def outdated_reason(current: ScreeningResult | None, version: str) -> str:
    """Why a result is being replaced: the dictionary if only it changed, otherwise the ruleset."""
    if current is None or current.ruleset_version != RULESET_VERSION:
        return Reason.RULESET_CHANGED
    return Reason.DICTIONARY_CHANGED if current.dictionary_version != version else Reason.RULESET_CHANGED


def outdated_intakes() -> QuerySet[Intake]:
    """Active intakes with no result, or whose current one predates the ruleset or the dictionary."""
    up_to_date = ScreeningResult.objects.filter(
        intake=OuterRef("pk"), is_current=True, ruleset_version=RULESET_VERSION,
        dictionary_version=current_dictionary_version(),
    )
    return Intake.objects.active_cases().exclude(Exists(up_to_date)).order_by("pk")


def store_evaluation(
    *, intake: Intake, evaluation: Evaluation, reason: str, dictionary_version: str,
    caller_saves_intake: bool = False, first: bool = False,
) -> ScreeningResult:
    """Make this evaluation the intake's current result, carrying reviews over and recording the change.

    The intake's outcome is copied for the queue (saved here, unless `caller_saves_intake`: the caller
    locked the intake with select_for_update in this transaction and saves it afterwards); a new or changed
    flag re-opens a cleared case. With `first` no current result is looked for (were there one after all,
    the unique index one_current_result_per_intake refuses the second).
    """
    # No savepoint of its own inside a caller's transaction: a failure here fails the caller's as well.
    with transaction.atomic(savepoint=False):
        # One screening of an intake at a time, so two can never both become current.
        locked = intake if caller_saves_intake else (
            Intake.objects.select_for_update().only("pk", "status").get(pk=intake.pk)
        )
        previous = None if first else intake.screening_results.filter(is_current=True).first()
        old_flags = list(previous.flags.all()) if previous else []
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        result = ScreeningResult(
            intake=intake, ruleset_version=evaluation.ruleset_version, outcome=str(evaluation.outcome),
            scores=json_safe(evaluation.scores), is_current=True, reason=reason,
            dictionary_version=dictionary_version,
        )
        result.full_clean(**NO_ROUND_TRIPS)
        result.save()
        new_flags = store_flags(
            result=result, flags=evaluation.flags, old_flags=old_flags, rescreen=previous is not None
        )
        if caller_saves_intake:
            copy_outcome(intake, result)
        else:
            record_outcome(intake, result)
        if previous is not None:
            change = record_change(previous=previous, result=result, old_flags=old_flags, new_flags=new_flags)
            reopen_if_cleared(locked, change)
            intake.status = locked.status
        if new_urgent_codes(old_flags=old_flags, new_flags=new_flags):
            raise_crisis_alert(intake=intake, result=result)
    return result


def copy_outcome(intake: Intake, result: ScreeningResult) -> None:
    """Copy the current outcome and its queue rank to the intake object (the queue orders by them)."""
    intake.current_outcome, intake.outcome_rank = result.outcome, OUTCOME_RANK[result.outcome]


def record_outcome(intake: Intake, result: ScreeningResult) -> None:
    """Copy the current outcome and its queue rank to the intake, and save them."""
    copy_outcome(intake, result)
    Intake.objects.filter(pk=intake.pk).update(
        current_outcome=intake.current_outcome, outcome_rank=intake.outcome_rank
    )


def reopen_if_cleared(intake: Intake, change: ScreeningChange) -> None:
    """A cleared case with a new or changed flag goes back to review: the clearance did not weigh it."""
    fresh = [*change.flags_added, *change.flags_changed]
    if intake.status == Intake.Status.CLEARED and fresh:
        why = change.get_reason_display().lower()
        note = f"Screened again ({why}): new or changed flags {', '.join(fresh)}"
        intake.set_status(Intake.Status.IN_REVIEW, by=None, note=note)


def new_urgent_codes(*, old_flags: list[ScreeningFlag], new_flags: list[ScreeningFlag]) -> set[str]:
    """URGENT codes the previous result did not have: a re-screening that only restates an urgent
    finding (a new ruleset, a dictionary edit) does not alert again the clinicians who handled it."""
    urgent = ScreeningFlag.Severity.URGENT
    before = {flag.code for flag in old_flags if flag.severity == urgent}
    return {flag.code for flag in new_flags if flag.severity == urgent} - before


def store_flags(
    *, result: ScreeningResult, flags: Iterable[Flag], old_flags: list[ScreeningFlag], rescreen: bool = False
) -> list[ScreeningFlag]:
    """Save the flags as shown now; a review carries over when the same code fires on the same evidence.

    On a re-screen, a flag that is new or whose evidence changed is marked as added by it.
    """
    old_by_code = {flag.code: flag for flag in old_flags}
    rows = []
    for flag in flags:
        row = ScreeningFlag(
            result=result, code=flag.code, severity=str(flag.severity), rationale=flag.rationale,
            sources=list(flag.sources), evidence=json_safe(flag.evidence), added_by_rescreen=rescreen,
        )
        old = old_by_code.get(flag.code)
        if old is not None and same_finding(old, row):
            for field in REVIEW_FIELDS:
                setattr(row, field, getattr(old, field))
        row.full_clean(**NO_ROUND_TRIPS)
        rows.append(row)
    return ScreeningFlag.objects.bulk_create(rows)


def record_change(
    *, previous: ScreeningResult, result: ScreeningResult,
    old_flags: list[ScreeningFlag], new_flags: list[ScreeningFlag],
) -> ScreeningChange:
    """Record which flags appeared, disappeared or changed evidence, and the outcome before and after."""
    old_by_code = {flag.code: flag for flag in old_flags}
    new_codes = {flag.code for flag in new_flags}
    change = ScreeningChange(
        intake_id=result.intake_id, previous=previous, new=result, reason=result.reason,
        flags_added=[flag.code for flag in new_flags if flag.code not in old_by_code],
        flags_removed=[flag.code for flag in old_flags if flag.code not in new_codes],
        flags_changed=[
            flag.code for flag in new_flags
            if flag.code in old_by_code and not same_finding(old_by_code[flag.code], flag)
        ],
        outcome_before=previous.outcome, outcome_after=result.outcome,
    )
    change.full_clean(**NO_ROUND_TRIPS)
    change.save()
    return change


def same_finding(old: ScreeningFlag, new: ScreeningFlag) -> bool:
    """Whether two flags of one code say the same thing: same severity and the same evidence."""
    return old.severity == new.severity and old.evidence == new.evidence


def same_verdict(current: ScreeningResult, evaluation: Evaluation) -> bool:
    """Whether a fresh evaluation would store exactly what the current result already holds."""
    stored = [(flag.code, flag.severity, flag.evidence) for flag in current.flags.all()]
    fresh = [(flag.code, str(flag.severity), json_safe(flag.evidence)) for flag in evaluation.flags]
    return (
        current.ruleset_version == evaluation.ruleset_version
        and current.outcome == str(evaluation.outcome)
        and current.scores == json_safe(evaluation.scores)
        and stored == fresh
    )


def json_safe(value: Any) -> Any:
    """The value as it reads back from a JSON column (tuples become lists, dates strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
