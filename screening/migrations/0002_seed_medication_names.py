"""Seed the medication dictionary from the specification's CSV (screening/data/medications.csv)."""

import csv
from pathlib import Path

from django.db import migrations

SEED_CSV = Path(__file__).resolve().parent.parent / "data" / "medications.csv"


def read_rows() -> list[dict[str, str]]:
    with open(SEED_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed(apps, schema_editor) -> None:
    MedicationName = apps.get_model("screening", "MedicationName")
    existing = set(MedicationName.objects.values_list("name", flat=True))
    MedicationName.objects.bulk_create(
        MedicationName(
            name=" ".join(row["name"].lower().split()),
            generic=row["generic"].strip(),
            classes="|".join(part.strip() for part in row["classes"].split("|") if part.strip()),
            evidence=row["evidence"].strip(),
        )
        for row in read_rows()
        if " ".join(row["name"].lower().split()) not in existing
    )


def unseed(apps, schema_editor) -> None:
    MedicationName = apps.get_model("screening", "MedicationName")
    MedicationName.objects.filter(name__in=[" ".join(row["name"].lower().split()) for row in read_rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
