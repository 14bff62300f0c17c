"""Crisis alerts: raise one for an URGENT screening or an unsent urgent answer, notify, escalate if unseen."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from outbox.services import enqueue_email
from patients.models import Intake
from screening.models import CrisisAlert, ScreeningResult
from screening.services.clinic import all_staff, get_clinic_settings, on_call_clinicians
from screening.services.urgent import Finding

ALERT_SUBJECT = "An urgent intake needs same-day contact"
ESCALATION_SUBJECT = "Not yet acknowledged: an urgent intake needs same-day contact"


def raise_crisis_alert(*, intake: Intake, result: ScreeningResult) -> CrisisAlert | None:
    """Open an alert and notify on call, unless one is open; an open alert without a result gets this one."""
    with transaction.atomic():
        current = CrisisAlert.objects.filter(intake=intake, status=CrisisAlert.Status.OPEN).first()
        if current is None:
            return open_alert(intake=intake, result=result, source=CrisisAlert.Source.SCREENING)
        if current.result_id is None:
            # An alert raised from the draft now shows the flags of what the patient submitted.
            current.result = result
            current.full_clean()
            current.save(update_fields=["result"])
    return None


def raise_draft_crisis_alert(*, intake: Intake, findings: Mapping[str, Finding]) -> CrisisAlert | None:
    """Alert on call about urgent answers in an unsent intake; an open alert gains them (no second one)."""
    now = timezone.now().isoformat()
    reasons = [{"code": code, "evidence": dict(found), "found_at": now} for code, found in findings.items()]
    with transaction.atomic():
        open_alerts = CrisisAlert.objects.select_for_update().filter(status=CrisisAlert.Status.OPEN)
        current = open_alerts.filter(intake=intake).first()
        if current is not None:
            add_reasons(current, reasons)
        elif reasons:
            source = CrisisAlert.Source.UNSENT_INTAKE
            return open_alert(intake=intake, result=None, source=source, reasons=reasons)
    return None


def add_reasons(alert: CrisisAlert, reasons: list[dict]) -> None:
    """Record further urgent answers on an open alert: the clinician must see each one, not only the first."""
    known = [(reason["code"], reason["evidence"]) for reason in alert.reasons]
    added = [reason for reason in reasons if (reason["code"], reason["evidence"]) not in known]
    if added:
        alert.reasons = [*alert.reasons, *added]
        alert.full_clean()
        alert.save(update_fields=["reasons"])


def open_alert(
    *, intake: Intake, result: ScreeningResult | None, source: str, reasons: list[dict] | None = None
) -> CrisisAlert:
    """Save a new open alert and queue its messages to the on-call clinicians (everyone if nobody is)."""
    on_call = on_call_clinicians(get_clinic_settings())
    alert = CrisisAlert(
        intake=intake, result=result, source=source, raised_at=timezone.now(), reasons=reasons or []
    )
    if not on_call:
        # With nobody on call everyone is told at once, so there is no one left to escalate to.
        alert.escalated_at = alert.raised_at
    alert.full_clean()
    alert.save()
    notify_staff(alert=alert, recipients=on_call or all_staff(), escalation=False)
    return alert


def acknowledge_alert(*, alert: CrisisAlert, by: User) -> CrisisAlert:
    """Mark the alert acknowledged by this clinician now; refuses a second acknowledgement."""
    if not by.is_clinician:
        raise ValidationError("Only a clinician can acknowledge a crisis alert.")
    with transaction.atomic():
        locked = CrisisAlert.objects.select_for_update().get(pk=alert.pk)
        locked.set_status(CrisisAlert.Status.ACKNOWLEDGED, by=by, at=timezone.now())
        locked.full_clean()
        locked.save()
    return locked


def escalate_overdue_alerts(*, now: datetime) -> int:
    """Alert every clinician and admin, once, about alerts unacknowledged past the limit; returns how many."""
    limit = timedelta(minutes=get_clinic_settings().alert_ack_minutes)
    overdue = CrisisAlert.objects.filter(
        status=CrisisAlert.Status.OPEN, escalated_at__isnull=True, raised_at__lte=now - limit
    )
    with transaction.atomic():
        alerts = list(overdue.select_for_update(skip_locked=True))
        recipients = all_staff() if alerts else []
        for alert in alerts:
            alert.escalated_at = now
            alert.full_clean()
            alert.save(update_fields=["escalated_at"])
            notify_staff(alert=alert, recipients=recipients, escalation=True)
    return len(alerts)


def notify_staff(*, alert: CrisisAlert, recipients: list[User], escalation: bool) -> None:
    """Queue an alert message to each recipient through the outbox; it holds no health information."""
    link = settings.SITE_URL.rstrip("/") + reverse("screening:alert-detail", kwargs={"pk": alert.pk})
    for user in recipients:
        enqueue_email(
            to=user.email,
            subject=ESCALATION_SUBJECT if escalation else ALERT_SUBJECT,
            template="screening/email/crisis_alert.txt",
            context={"first_name": user.first_name, "link": link, "escalation": escalation},
            kind="crisis-alert-escalated" if escalation else "crisis-alert",
        )
