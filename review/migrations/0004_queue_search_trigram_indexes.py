"""The review queue's search by name or email reads trigram indexes, on PostgreSQL only (bench/review_queue.py).

Django's icontains is `UPPER(column) LIKE UPPER('%word%')`; a GIN trigram index on the same expression
finds the few accounts that match without reading them all. pg_trgm is a trusted extension (PostgreSQL
13 and later): the database's owner, who runs the migrations, may create it. SQLite has no such index and
reads every row. The indexes are on accounts' table but serve only this search, so they live here.
"""

from django.db import migrations

COLUMNS = ("first_name", "last_name", "email")


def create_indexes(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS user_{column}_trgm ON accounts_user "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_indexes(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS user_{column}_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0003_review_time_is_a_clinic_setting"),
        ("accounts", "0007_user_names_visible_text"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
