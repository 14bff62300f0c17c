"""Factories for scheduling: locations, providers with valid NPIs, licences, hours, consultations."""

from datetime import UTC, datetime, time, timedelta

import factory

from review.models import Route
from scheduling.models import Consultation, Licence, Location, Provider, WeeklyHours
from scheduling.validators import npi_check_digit
from tests.factories import IntakeFactory, UserFactory


def make_npi(n: int) -> str:
    """A valid NPI from a serial number (first nine digits 1xxxxxxxx)."""
    first_nine = f"1{n:08d}"
    return first_nine + npi_check_digit(first_nine)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Clinic {n}")
    kind = Location.Kind.IN_PERSON
    address_line = "1 Main Street"
    city = "Albany"
    state = "NY"
    postcode = "12207"
    time_zone = "America/New_York"


class TelehealthLocationFactory(LocationFactory):
    name = factory.Sequence(lambda n: f"Video calls {n}")
    kind = Location.Kind.TELEHEALTH
    address_line = ""
    city = ""
    postcode = ""
    telehealth_instructions = "Join from the link in your confirmation email."


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dr Provider {n}")
    credential = Provider.Credential.MD
    npi = factory.Sequence(make_npi)
    routes = factory.LazyFunction(lambda: [Route.IV_INFUSION, Route.ESKETAMINE_NASAL_SPRAY])

    @factory.post_generation
    def locations(obj, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            obj.locations.set(extracted)


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence

    provider = factory.SubFactory(ProviderFactory)
    state = "NY"
    number = factory.Sequence(lambda n: f"L{n:06d}")
    expires_on = factory.LazyFunction(lambda: datetime(2030, 1, 1).date())


class WeeklyHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyHours

    provider = factory.SubFactory(ProviderFactory)
    location = factory.SubFactory(LocationFactory)
    weekday = 0
    starts = time(9)
    ends = time(12)


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A booked consultation of a (cleared-looking) intake; pass provider, location, starts_at."""

    class Meta:
        model = Consultation

    intake = factory.SubFactory(IntakeFactory, status="consultation_booked")
    patient = factory.SelfAttribute("intake.patient")
    provider = factory.SubFactory(ProviderFactory)
    location = factory.SubFactory(LocationFactory)
    kind = factory.SelfAttribute("location.kind")
    starts_at = datetime(2026, 6, 22, 14, 0, tzinfo=UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=60))
    time_zone = factory.SelfAttribute("location.time_zone")
    created_by = factory.SubFactory(UserFactory, role="clinician")


def cleared_case(routes: list[str] | tuple = (Route.IV_INFUSION,), *, status: str = "cleared",
                 **answers: object) -> object:
    """An intake cleared by a clinician for these routes, with complete answers (state, preference...)."""
    from review.models import Decision
    from tests.patients.answers import complete_answers

    intake = IntakeFactory(status=status, answers=complete_answers(**answers))
    Decision.objects.create(
        intake=intake, kind=Decision.Kind.CLEAR, routes=list(routes), by=UserFactory(role="clinician")
    )
    return intake
