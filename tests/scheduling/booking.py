"""Cases ready to book and providers offering slots, for the booking tests (Monday June 15, 2026)."""

from datetime import UTC, datetime, time

from patients.models import Intake
from review.models import Decision, Route
from review.services import clear_case
from scheduling.models import Location, Provider
from scheduling.services.slots import Choice
from tests.factories import IntakeFactory, UserFactory
from tests.patients.answers import complete_answers
from tests.review.cases import screened_case
from tests.scheduling.factories import LicenceFactory, LocationFactory, ProviderFactory, WeeklyHoursFactory

NOW = datetime(2026, 6, 15, 16, 0, tzinfo=UTC)  # Monday noon in New York
TUESDAY_9 = datetime(2026, 6, 16, 13, 0, tzinfo=UTC)  # Tuesday June 16, 9:00 in New York (EDT)
TUESDAY = 1


def clinician() -> object:
    return UserFactory(role="clinician")


def cleared_case(by: object = None) -> Intake:
    """A sent, screened intake cleared for IV infusion by a clinician through the review service."""
    intake = screened_case()
    clear_case(intake=intake, by=by or clinician(), routes=[Route.IV_INFUSION])
    intake.refresh_from_db()
    return intake


def quickly_cleared_case(by: object) -> Intake:
    """A cleared intake with its clearance row, made directly (for the many patients of a race)."""
    intake = IntakeFactory(status=Intake.Status.CLEARED, answers=complete_answers())
    Decision.objects.create(intake=intake, kind=Decision.Kind.CLEAR, routes=[Route.IV_INFUSION], by=by)
    return intake


def provider_with_hours(
    location: Location | None = None, *, starts: time = time(9), **fields: object
) -> Provider:
    """An IV provider licensed in New York, with Tuesday hours 9:00-12:00 (local) at the location."""
    location = location or LocationFactory()
    provider = ProviderFactory(locations=[location], **{"routes": [Route.IV_INFUSION], **fields})
    LicenceFactory(provider=provider, state="NY")
    WeeklyHoursFactory(provider=provider, location=location, weekday=TUESDAY, starts=starts, ends=time(12))
    return provider


def choice(provider: Provider, starts_at: datetime = TUESDAY_9, location: Location | None = None) -> Choice:
    location = location or provider.locations.first()
    return Choice(provider_id=provider.pk, location_id=location.pk, starts_at=starts_at)
