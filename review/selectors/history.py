"""A case's history in time order: status changes, screenings, dispositions, alerts, decisions, messages."""

from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from patients.models import Intake
from patients.steps import get_step
from review.models import Decision, FlagDisposition, Route
from screening.models import CrisisAlert, ScreeningResult


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    what: str  # a short heading: "Status", "Screening", "Flag", "Alert", "Decision", "Message"
    text: str
    by: User | None = None


def case_history(
    intake: Intake, *, results: list[ScreeningResult], dispositions: list[FlagDisposition],
    alerts: list[CrisisAlert],
) -> list[HistoryEntry]:
    """Everything that happened to the case, oldest first (three queries beyond the rows passed in)."""
    entries = [
        *status_entries(intake), *screening_entries(intake, results), *disposition_entries(dispositions),
        *alert_entries(alerts), *decision_entries(intake), *message_entries(intake),
    ]
    return sorted(entries, key=lambda entry: entry.at)


def status_entries(intake: Intake) -> list[HistoryEntry]:
    changes = intake.status_changes.select_related("by")
    return [
        HistoryEntry(change.at, "Status", joined(
            f"{change.get_from_status_display()} → {change.get_to_status_display()}", change.note), change.by)
        for change in changes
    ]


def screening_entries(intake: Intake, results: list[ScreeningResult]) -> list[HistoryEntry]:
    """The first screening, then each re-screen with the flags it added, removed or changed."""
    entries = [HistoryEntry(result.created_at, "Screening", f"Screened: {result.get_outcome_display()} "
                            f"(rules {result.ruleset_version})") for result in results[:1]]
    for change in intake.screening_changes.all():
        parts = [f"Screened again ({change.get_reason_display().lower()}): "
                 f"{change.outcome_before} → {change.outcome_after}"]
        parts += [f"{label} {', '.join(codes)}" for label, codes in (
            ("added", change.flags_added), ("removed", change.flags_removed),
            ("evidence changed", change.flags_changed)) if codes]
        entries.append(HistoryEntry(change.created_at, "Screening", "; ".join(parts)))
    return entries


def disposition_entries(dispositions: list[FlagDisposition]) -> list[HistoryEntry]:
    return [
        HistoryEntry(at=d.at, what="Flag", by=d.by,
                     text=joined(f"{d.code} {d.get_kind_display().lower()}", reason(d), d.note))
        for d in dispositions
    ]


def reason(disposition: FlagDisposition) -> str:
    return disposition.get_override_reason_display() if disposition.override_reason else ""


def alert_entries(alerts: list[CrisisAlert]) -> list[HistoryEntry]:
    """Each alert raised, acknowledged, and every outcome recorded (dispositions prefetched)."""
    entries = []
    for alert in alerts:
        raised = f"Crisis alert raised ({alert.get_source_display()})"
        entries.append(HistoryEntry(alert.raised_at, "Alert", raised))
        if alert.acknowledged_at:
            entries.append(HistoryEntry(alert.acknowledged_at, "Alert", "Alert acknowledged",
                                        alert.acknowledged_by))
        for outcome in alert.dispositions.all():
            retry = f"try again {outcome.retry_at:%B %d, %H:%M}" if outcome.retry_at else ""
            entries.append(HistoryEntry(outcome.at, "Alert", joined(
                outcome.get_kind_display(), outcome.note, retry), outcome.by))
    return entries


def decision_entries(intake: Intake) -> list[HistoryEntry]:
    entries = []
    for decision in intake.decisions.select_related("by"):
        entries.append(HistoryEntry(decision.at, "Decision", joined(
            decision.get_kind_display(), decision_details(decision)), decision.by))
    return entries


def decision_details(decision: Decision) -> str:
    if decision.kind == Decision.Kind.CLEAR:
        routes = ", ".join(Route(value).label for value in decision.routes if value in Route.values)
        conditions = f"conditions: {decision.conditions}" if decision.conditions else ""
        return joined(f"routes: {routes}", conditions)
    if decision.kind == Decision.Kind.DECLINE:
        return f"internal reason: {decision.internal_reason}"
    return "reopened: " + ", ".join(step_title(slug) for slug in decision.reopened_steps)


def message_entries(intake: Intake) -> list[HistoryEntry]:
    return [
        HistoryEntry(message.created_at, "Message", f"To the patient: {message.body}", message.created_by)
        for message in intake.messages.select_related("created_by")
    ]


def step_title(slug: str) -> str:
    try:
        return get_step(slug).title
    except KeyError:
        return slug


def joined(*parts: str) -> str:
    """The non-empty parts, joined as one line."""
    return "; ".join(part for part in parts if part)
