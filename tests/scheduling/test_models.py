"""The database's guarantees on consultations, on SQLite and PostgreSQL, and the one transition method."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from scheduling.models import Consultation, ConsultationEvent, Location, SchedulingSettings
from tests.factories import UserFactory
from tests.scheduling.factories import ConsultationFactory, LocationFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_settings_row_with_the_issues_defaults() -> None:
    row = SchedulingSettings.objects.get()
    assert (row.patient_self_booking, row.patient_change_cutoff_hours) == (False, 24)
    assert row.minutes_for(Location.Kind.TELEHEALTH) == row.telehealth_minutes


def test_the_same_provider_and_start_cannot_be_booked_twice() -> None:
    first = ConsultationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(provider=first.provider, location=first.location, starts_at=first.starts_at)


def test_a_cancelled_consultation_frees_its_slot() -> None:
    first = ConsultationFactory()
    first.set_status(Consultation.Status.CANCELLED, by=first.created_by, note="patient asked")
    again = ConsultationFactory(provider=first.provider, location=first.location, starts_at=first.starts_at)
    assert again.status == Consultation.Status.BOOKED


def test_a_patient_has_at_most_one_booked_consultation() -> None:
    first = ConsultationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(intake=first.intake, starts_at=first.starts_at + timedelta(days=1))


@pytest.mark.postgres  # SQLite has no exclusion constraint: it relies on the unique constraint
def test_an_overlapping_consultation_of_one_provider_is_refused_on_postgresql() -> None:
    first = ConsultationFactory()
    overlapping = {"provider": first.provider, "location": first.location,
                   "starts_at": first.starts_at + timedelta(minutes=30)}
    with pytest.raises(IntegrityError, match="consultation_provider_no_overlap"), transaction.atomic():
        ConsultationFactory(**overlapping)


def test_back_to_back_consultations_of_one_provider_are_allowed() -> None:
    first = ConsultationFactory()
    after = ConsultationFactory(provider=first.provider, location=first.location, starts_at=first.ends_at)
    assert after.pk


def test_other_providers_may_overlap() -> None:
    first = ConsultationFactory()
    assert ConsultationFactory(location=first.location, starts_at=first.starts_at).pk


@pytest.mark.postgres
def test_full_clean_names_the_overlap_on_postgresql() -> None:
    first = ConsultationFactory()
    second = ConsultationFactory.build(
        provider=first.provider, location=first.location, starts_at=first.starts_at + timedelta(minutes=15),
        intake=ConsultationFactory().intake, created_by=first.created_by,
    )
    second.patient = second.intake.patient
    second.intake.consultations.update(status="cancelled")
    with pytest.raises(ValidationError, match="another consultation at that time"):
        second.full_clean()


def test_set_status_logs_who_moved_it_and_refuses_illegal_moves() -> None:
    consultation = ConsultationFactory()
    staff = UserFactory(role="clinician")
    event = consultation.set_status(Consultation.Status.NO_SHOW, by=staff, note="no answer")
    assert (event.from_status, event.to_status, event.kind) == ("booked", "no_show", "no_show")
    assert event.by == staff
    with pytest.raises(ValidationError, match="cannot go from no_show to completed"):
        consultation.set_status(Consultation.Status.COMPLETED, by=staff)
    consultation.refresh_from_db()
    assert consultation.status == "no_show"


def test_log_records_an_event_that_keeps_the_status() -> None:
    consultation = ConsultationFactory()
    consultation.log(ConsultationEvent.Kind.RESCHEDULED, by=consultation.created_by, note="moved")
    assert list(consultation.events.values_list("kind", "from_status", "to_status")) == [
        ("rescheduled", "booked", "booked")
    ]


def test_telehealth_location_cannot_be_certified_for_esketamine() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationFactory(kind="telehealth", esketamine_certified=True)


def test_provider_routes_must_be_known_routes() -> None:
    provider = ProviderFactory.build(routes=["iv_infusion", "teleportation"])
    with pytest.raises(ValidationError, match="Choose treatment routes"):
        provider.full_clean()
