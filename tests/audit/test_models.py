import pytest
from django.db import transaction
from django.db.models import ProtectedError

from audit.models import AccessLogIsAppendOnly, AccessRecord
from tests.audit.conftest import log_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> AccessRecord:
    return log_access(UserFactory(role="clinician"), UserFactory(role="patient"))


def test_a_saved_access_record_cannot_be_changed_through_the_model(record: AccessRecord) -> None:
    record.staff_email = "someone.else@example.test"
    with pytest.raises(AccessLogIsAppendOnly):
        record.save()
    assert AccessRecord.objects.get().staff_email != "someone.else@example.test"


def test_an_access_record_cannot_be_deleted_through_the_model(record: AccessRecord) -> None:
    with pytest.raises(AccessLogIsAppendOnly):
        record.delete()
    assert AccessRecord.objects.count() == 1


def test_queryset_updates_bulk_updates_and_deletes_are_refused(record: AccessRecord) -> None:
    with pytest.raises(AccessLogIsAppendOnly):
        AccessRecord.objects.filter(pk=record.pk).update(ip_address="198.51.100.1")
    with pytest.raises(AccessLogIsAppendOnly), transaction.atomic():
        AccessRecord.objects.bulk_update([record], ["ip_address"])
    with pytest.raises(AccessLogIsAppendOnly):
        AccessRecord.objects.all().delete()
    assert AccessRecord.objects.filter(pk=record.pk, ip_address="203.0.113.9").exists()


def test_deleting_the_staff_member_or_the_patient_never_removes_their_lines(record: AccessRecord) -> None:
    with pytest.raises(ProtectedError):
        record.staff.delete()
    with pytest.raises(ProtectedError):
        record.patient.delete()
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_a_record_names_itself_without_the_page_or_the_patient(record: AccessRecord) -> None:
    # Shown by the Django admin's "cannot delete" page, which an admin reads.
    assert str(record) == f"Access record {record.pk}"
    assert record.patient_reference == f"P-{record.patient_id}"
