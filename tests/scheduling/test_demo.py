"""loaddemo adds locations in two time zones (one certified), video calls, providers, licences and hours."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from patients.models import Intake
from scheduling.models import Licence, Location, Provider, WeeklyHours
from scheduling.selectors import offered_slots, verdicts_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings: object) -> None:
    settings.DEBUG = True


def load() -> None:
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_loaddemo_adds_providers_and_locations_and_the_cleared_case_gets_slots() -> None:
    load()
    in_person = Location.objects.filter(kind="in_person")
    assert {location.time_zone for location in in_person} == {"America/New_York", "America/Los_Angeles"}
    assert in_person.filter(esketamine_certified=True).count() == 1
    assert Location.objects.filter(kind="telehealth").exclude(telehealth_instructions="").count() == 1
    assert Provider.objects.count() == 3 and WeeklyHours.objects.exists()
    today = timezone.localdate()
    soon = Licence.objects.filter(expires_on__range=(today, today + timedelta(days=30)))
    assert [(lic.provider.name, lic.state) for lic in soon] == [("Jordan Reyes", "NY")]
    assert len({lic.state for lic in Licence.objects.all()}) >= 3
    cleared = Intake.objects.get(patient__email="demo-cleared@demo.clinic")
    assert any(v.offered for v in verdicts_for(cleared, on=today))
    assert offered_slots(cleared, start=today + timedelta(days=1), days=7, now=timezone.now())


def test_loaddemo_twice_adds_nothing_more() -> None:
    load()
    counts = (Location.objects.count(), Provider.objects.count(), Licence.objects.count(),
              WeeklyHours.objects.count())
    load()
    assert counts == (Location.objects.count(), Provider.objects.count(), Licence.objects.count(),
                      WeeklyHours.objects.count())
