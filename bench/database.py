"""The benches' PostgreSQL database is made when it does not exist yet (the role needs CREATEDB).

    DATABASE_URL=postgres://clinic:clinic@127.0.0.1:5432/clinic_bench .venv/bin/python bench/database.py

bench/pages.py calls `ensure_database()` itself; bench/load.sh runs this file before migrating.
"""

import os
import sys
from pathlib import Path


def ensure_database() -> None:
    """CREATE DATABASE for DATABASE_URL's database when PostgreSQL does not have it (Django set up)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("the benches measure PostgreSQL: set DATABASE_URL=postgres://...")
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:  # the maintenance database, as Django's test runner uses
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
            print(f"# created the database {name}", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    ensure_database()
