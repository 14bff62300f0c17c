"""The database refuses to change or delete an access record: the trigger of migration 0002 on PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, models, transaction

from audit.models import AccessRecord
from tests.audit.conftest import log_access
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def record() -> AccessRecord:
    return log_access(UserFactory(role="clinician"), UserFactory(role="patient"))


def plain_queryset() -> models.QuerySet:
    """The ORM without the model's own refusal, so only the database stands in the way."""
    return models.QuerySet(AccessRecord)


def refused(sql_or_call: object, *params: object) -> str:
    """Run a raw statement (or a callable) that must fail; returns the database's message."""
    with pytest.raises(DatabaseError) as failure, transaction.atomic():
        if callable(sql_or_call):
            sql_or_call()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql_or_call, params)
    return str(failure.value)


def test_raw_sql_update_and_delete_are_refused_by_postgresql(record: AccessRecord) -> None:
    sql = "UPDATE audit_accessrecord SET staff_email = %s WHERE id = %s"
    update = refused(sql, "x@example.test", record.pk)
    delete = refused("DELETE FROM audit_accessrecord WHERE id = %s", record.pk)
    assert "append-only: UPDATE refused" in update
    assert "append-only: DELETE refused" in delete
    assert AccessRecord.objects.get(pk=record.pk).staff_email == record.staff_email


def test_orm_update_and_delete_that_skip_the_model_are_refused_by_postgresql(record: AccessRecord) -> None:
    assert "UPDATE refused" in refused(lambda: plain_queryset().filter(pk=record.pk).update(path="/"))
    assert "DELETE refused" in refused(lambda: plain_queryset().filter(pk=record.pk)._raw_delete("default"))
    assert "DELETE refused" in refused(lambda: models.Model.delete(record))
    assert AccessRecord.objects.filter(pk=record.pk, path=record.path).exists()


def test_new_records_can_still_be_appended_on_postgresql(record: AccessRecord) -> None:
    log_access(record.staff, record.patient)
    assert AccessRecord.objects.count() == 2
