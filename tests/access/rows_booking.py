"""Access rows for booking and consultations: clinicians book and open consultations; admins see the
schedule (no patient named) and close or cancel; patients reach only their own consultation."""

from datetime import time, timedelta

from django.utils import timezone

from patients.models import Intake
from review.models import Decision, Route
from scheduling.models import Consultation, SchedulingSettings, WeeklyHours
from scheduling.selectors import offered_slots
from tests.access.table import Ctx, Row
from tests.patients.answers import complete_answers
from tests.scheduling.factories import (
    ConsultationFactory,
    LicenceFactory,
    LocationFactory,
    ProviderFactory,
    WeeklyHoursFactory,
)

DENIED = {"anonymous": "login", "patient_a": 403, "patient_b": 403}
CLINICIAN_ONLY = {**DENIED, "clinician": 200, "admin": 403}
CLINICIAN_WRITES = {**DENIED, "clinician": "redirect", "admin": 403}
STAFF_ONLY = {**DENIED, "clinician": 200, "admin": 200}
STAFF_WRITES = {**DENIED, "clinician": "redirect", "admin": "redirect"}
STAFF_POST_ONLY = {**DENIED, "clinician": 405, "admin": 405}
OWNER_ONLY = {"anonymous": "login", "patient_a": 200, "patient_b": 404, "clinician": 403, "admin": 403}
OWNER_WRITES = {**OWNER_ONLY, "patient_a": "redirect"}


def cleared_a(ctx: Ctx) -> Intake:
    """Patient A's intake, cleared for IV infusion, with a provider offering slots every day from tomorrow."""
    intake = ctx.intake_a
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.CLEARED, answers=complete_answers())
    Decision.objects.get_or_create(intake=intake, kind=Decision.Kind.CLEAR,
                                   defaults={"routes": [Route.IV_INFUSION], "by": ctx.clinician})
    SchedulingSettings.objects.update_or_create(singleton=True, defaults={"patient_self_booking": True})
    if not WeeklyHours.objects.exists():
        location = LocationFactory()
        provider = ProviderFactory(routes=[Route.IV_INFUSION], locations=[location])
        LicenceFactory(provider=provider, state="NY")
        for weekday in range(7):
            WeeklyHoursFactory(provider=provider, location=location, weekday=weekday, starts=time(9),
                               ends=time(17))
    intake.refresh_from_db()
    return intake


def case(ctx: Ctx) -> dict:
    return {"intake_id": cleared_a(ctx).pk}


def a_free_slot(ctx: Ctx) -> dict:
    """The first slot offered to patient A's case from tomorrow (read only: the row's kwargs set it up)."""
    now, intake = timezone.now(), Intake.objects.get(pk=ctx.intake_a.pk)
    slot = offered_slots(intake, start=now.date() + timedelta(days=1), days=7, now=now)[0]
    return {"provider": slot.provider_id, "location": slot.location_id,
            "starts_at": slot.starts_at.isoformat()}


def consultation_a(ctx: Ctx) -> Consultation:
    """Patient A's booked consultation, ten days ahead (well before the patients' cut-off)."""
    intake = cleared_a(ctx)
    existing = Consultation.objects.filter(patient=ctx.patient_a, status="booked").first()
    if existing:
        return existing
    Intake.objects.filter(pk=intake.pk).update(status=Intake.Status.CONSULTATION_BOOKED)
    starts_at = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    return ConsultationFactory(intake=intake, patient=ctx.patient_a, starts_at=starts_at,
                               created_by=ctx.clinician)


def consultation(ctx: Ctx) -> dict:
    return {"pk": consultation_a(ctx).pk}


ROWS = [
    Row("booking:book-case", kwargs=case, expect=CLINICIAN_ONLY),
    Row("booking:book-case", method="post", kwargs=case, data=a_free_slot, expect=CLINICIAN_WRITES),
    # Patient B has no cleared case: nothing to book.
    Row("booking:book-own", kwargs=lambda ctx: cleared_a(ctx) and {}, expect=OWNER_ONLY),
    Row("booking:book-own", method="post", kwargs=lambda ctx: cleared_a(ctx) and {}, data=a_free_slot,
        expect=OWNER_WRITES),
    Row("booking:my-calendar", kwargs=consultation, expect=OWNER_ONLY),
    Row("booking:my-cancel", kwargs=consultation, expect=OWNER_ONLY),
    Row("booking:my-cancel", method="post", kwargs=consultation, expect=OWNER_WRITES),
    Row("booking:my-move", kwargs=consultation, expect=OWNER_ONLY),
    Row("booking:my-move", method="post", kwargs=consultation, data=a_free_slot, expect=OWNER_WRITES),
    Row("booking:consultations", expect=STAFF_ONLY),
    Row("booking:consultation", kwargs=consultation, expect=CLINICIAN_ONLY),
    Row("booking:consultation-cancel", kwargs=consultation, expect=STAFF_POST_ONLY),
    Row("booking:consultation-cancel", method="post", kwargs=consultation, expect=STAFF_WRITES),
    Row("booking:consultation-close", kwargs=consultation, expect=STAFF_POST_ONLY),
    Row("booking:consultation-close", method="post", kwargs=consultation, data={"status": "completed"},
        expect=STAFF_WRITES),
    Row("booking:consultation-move", kwargs=consultation, expect=CLINICIAN_ONLY),
    Row("booking:consultation-move", method="post", kwargs=consultation, data=a_free_slot,
        expect=CLINICIAN_WRITES),
]
