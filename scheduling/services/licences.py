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
from scheduling.rules import CaseFacts, care_state, licence_reasons

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


def licence_problem(consultation: Consultation) -> str:
    """Why the provider's licences do not cover this consultation's date where the care happens, or ""
    (the same rules as the offer; licences prefetched, so no query)."""
    facts = CaseFacts.from_answers(consultation.intake.answers or {}, cleared=True, routes=[])
    state = care_state(consultation.location, facts)
    day = consultation.starts_at.astimezone(ZoneInfo(consultation.time_zone)).date()
    reasons = licence_reasons(consultation.provider.licences.all(), state, on=day)
    return f"{consultation.provider.name}: {'; '.join(reasons)}." if reasons else ""


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
