"""A PostgreSQL exclusion constraint that other databases skip (SQLite relies on the unique constraints)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.contrib.postgres.operations import BtreeGistExtension
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


class BtreeGistOnPostgres(BtreeGistExtension):
    """btree_gist (the provider `=` in the exclusion constraint), created on PostgreSQL only.

    Unapplying leaves it: other objects of the database may use it, and elsewhere there is none.
    """

    def database_forwards(self, app_label: str, schema_editor: object, from_state: object,
                          to_state: object) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: object, from_state: object,
                           to_state: object) -> None:
        return None
