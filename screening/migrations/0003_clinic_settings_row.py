"""Create the single clinic settings row, so the admin edits it instead of adding one."""

from django.db import migrations


def create_row(apps, schema_editor) -> None:
    apps.get_model("screening", "ClinicSettings").objects.get_or_create(singleton=True)


class Migration(migrations.Migration):
    dependencies = [("screening", "0002_seed_medication_names")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
