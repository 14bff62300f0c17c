"""The database itself refuses to change or delete an access record (PostgreSQL, where the clinic runs).

A trigger, not only the model: a bug, a raw query or a shell session must not be able to rewrite who
read a record. TRUNCATE is left to the table's owner: test databases are emptied with it, and a clinic
that wants the owner kept out too runs the app as a role without ownership (see README, Access log).
SQLite (`make run`) has no trigger: Django empties test tables there with DELETE, and the model
refuses updates and deletes on every database.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION audit_accessrecord_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_accessrecord is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_accessrecord_append_only
    BEFORE UPDATE OR DELETE ON audit_accessrecord
    FOR EACH ROW EXECUTE FUNCTION audit_accessrecord_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_accessrecord_append_only ON audit_accessrecord;
DROP FUNCTION IF EXISTS audit_accessrecord_refuse_change();
"""


def create_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # the SQL holds a literal %


def drop_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
