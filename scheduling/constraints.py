"""A PostgreSQL exclusion constraint that other databases skip (SQLite relies on the unique constraints)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class TsTzRange(Func):
    """tstzrange(start, end): the half-open range [start, end), so back-to-back slots do not overlap."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint on PostgreSQL; on any other database no SQL and no validation."""

    @staticmethod
    def applies(connection: object) -> bool:
        return connection.vendor == "postgresql"

    def constraint_sql(self, model: object, schema_editor: object) -> object:
        if not self.applies(schema_editor.connection):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model: object, schema_editor: object) -> object:
        return super().create_sql(model, schema_editor) if self.applies(schema_editor.connection) else None

    def remove_sql(self, model: object, schema_editor: object) -> object:
        return super().remove_sql(model, schema_editor) if self.applies(schema_editor.connection) else None

    def validate(self, model: object, instance: object, exclude: object = None,
                 using: str = DEFAULT_DB_ALIAS) -> None:
        if self.applies(connections[using]):
            super().validate(model, instance, exclude=exclude, using=using)
