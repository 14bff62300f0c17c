"""loaddemo leaves a cleared case ready to book and adds a booked consultation, once however often it runs."""

import pytest
from django.core.management import call_command

from patients.models import Intake
from scheduling.models import Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings: object) -> None:
    settings.DEBUG = True


def test_loaddemo_adds_one_booked_consultation_and_keeps_a_case_ready_to_book() -> None:
    for _ in range(2):
        call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [booked] = Consultation.objects.filter(status="booked")
    assert booked.patient.email == "demo-booked@demo.clinic"
    assert booked.intake.status == Intake.Status.CONSULTATION_BOOKED
    assert booked.events.filter(kind="booked").count() == 1
    assert Intake.objects.get(patient__email="demo-cleared@demo.clinic").status == Intake.Status.CLEARED
