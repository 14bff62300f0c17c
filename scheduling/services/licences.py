"""Licences and booked consultations: the admins' daily list of licences expiring soon, and the flag on a
consultation whose provider will not hold a valid licence where the care happens on its date.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from outbox.models import Message
from scheduling import emails
from scheduling.models import Consultation, ConsultationEvent, Licence

EXPIRY_WARNING_DAYS = 30


def expiring_licences(*, today: date) -> list[Licence]:
    """Active providers' licences still valid today that lapse within 30 days, soonest first."""
    return list(
        Licence.objects.filter(
            provider__active=True, expires_on__gte=today,
            expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
        ).select_related("provider").order_by("expires_on", "pk")
    )


def send_licence_digest(*, today: date) -> int:
    """Email each active admin the expiring licences, once a day (a second run that day sends nothing)."""
    licences = expiring_licences(today=today)
    if not licences:
        return 0
    already = Message.objects.filter(kind=emails.LICENCES, created_at__date=today).values_list("recipient")
    admins = list(User.objects.filter(role=Role.ADMIN, is_active=True).exclude(email__in=already))
    with transaction.atomic():
        return emails.send_licence_digest(admins=admins, licences=licences, today=today)


def care_state(consultation: Consultation) -> str:
    """Where the care happens: the location's state in person, the patient's state of residence by video."""
    if consultation.location.is_telehealth:
        return (consultation.intake.answers or {}).get("state", "")
    return consultation.location.state


def licence_problem(consultation: Consultation) -> str:
    """Why the provider may not hold this consultation under their licences, or "" (licences prefetched)."""
    state = care_state(consultation)
    day = consultation.starts_at.astimezone(ZoneInfo(consultation.time_zone)).date()
    held = [licence for licence in consultation.provider.licences.all() if licence.state == state]
    if any(licence.is_valid_on(day) for licence in held):
        return ""
    if not held:
        return f"{consultation.provider.name} holds no licence in {state or 'the state of care'}."
    lapsed = max(licence.expires_on for licence in held)
    return f"{consultation.provider.name}'s licence in {state} expires {lapsed.isoformat()}, before the consultation."


def flag_lapsed_licences(*, now: datetime) -> int:
    """Log once on each booked consultation whose provider's licence lapses before it; how many newly."""
    booked = Consultation.objects.filter(status=Consultation.Status.BOOKED, starts_at__gt=now).exclude(
        events__kind=ConsultationEvent.Kind.LICENCE_FLAGGED
    ).select_related("provider", "location", "intake").prefetch_related("provider__licences")
    flagged = 0
    for consultation in booked:
        if problem := licence_problem(consultation):
            consultation.log(ConsultationEvent.Kind.LICENCE_FLAGGED, by=None, note=problem)
            flagged += 1
    return flagged
