"""Demo bookings: review.demo's cleared case stays ready to book; one more patient has a booked consultation.

Runs after scheduling.demo (providers, locations, hours), through the real clearance and booking services.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from patients.demo import DEMO_PASSWORD, demo_patient, send_demo_intake
from patients.models import Intake
from review.models import Route
from review.services import clear_case
from scheduling.selectors import offered_slots
from scheduling.services.booking import book_consultation
from scheduling.services.slots import Choice

CLINICIAN = "clinician@demo.clinic"
READY = "demo-cleared@demo.clinic"
BOOKED = ("demo-booked@demo.clinic", "Bea", "Booked")


def load() -> list[str]:
    """Book the demo patient's consultation once (safe to run again); returns lines to print."""
    clinician = User.objects.filter(email=CLINICIAN).first()
    if clinician is None:
        return []
    patient = demo_patient(*BOOKED)
    if not patient.intakes.exists():
        intake = send_demo_intake(patient, {})
        clear_case(intake=intake, by=clinician, routes=[Route.IV_INFUSION])
        book_first_slot(Intake.objects.get(pk=intake.pk), by=clinician)
    booked = patient.consultations.filter(status="booked").exists()
    return [
        f"Patient    {BOOKED[0]}  /  {DEMO_PASSWORD}  (consultation {'booked' if booked else 'not booked'})",
        f"Ready      {READY} is cleared and ready to book (Consultations, or /scheduling/cases/<id>/book/)",
    ]


def book_first_slot(intake: Intake, *, by: User) -> None:
    """Book the first slot offered from two days on, so the patient may still move or cancel it."""
    now = timezone.now()
    slots = offered_slots(intake, start=timezone.localdate(now) + timedelta(days=2), days=14, now=now)
    if slots:
        slot = slots[0]
        choice = Choice(provider_id=slot.provider_id, location_id=slot.location_id, starts_at=slot.starts_at)
        book_consultation(intake=intake, choice=choice, by=by, now=now)
