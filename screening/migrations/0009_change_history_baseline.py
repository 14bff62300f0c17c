"""Start the history of clinic settings and the dictionary with what they hold now.

Without a first version the first change an admin makes would show no "before": each row that exists
when the history begins gets one version, marked as such, by nobody.
"""

from django.db import migrations
from django.utils import timezone

REASON = "As it was when the change history began"


def version_of(obj, history_model, when):
    names = {field.attname for field in obj._meta.concrete_fields}
    values = {
        field.attname: getattr(obj, field.attname)
        for field in history_model._meta.concrete_fields
        if field.attname in names
    }
    return history_model(**values, history_date=when, history_type="+", history_change_reason=REASON)


def record_baseline(apps, schema_editor) -> None:
    when = timezone.now()
    for name in ("MedicationName", "ClinicSettings"):
        model = apps.get_model("screening", name)
        history = apps.get_model("screening", f"Historical{name}")
        history.objects.bulk_create(version_of(obj, history, when) for obj in model.objects.all())
    on_call = apps.get_model("screening", "HistoricalClinicSettings_on_call")
    through = apps.get_model("screening", "ClinicSettings").on_call.through
    for version in apps.get_model("screening", "HistoricalClinicSettings").objects.all():
        on_call.objects.bulk_create(
            on_call(history=version, id=row.id, clinicsettings_id=row.clinicsettings_id, user_id=row.user_id)
            for row in through.objects.filter(clinicsettings_id=version.id)
        )


class Migration(migrations.Migration):
    dependencies = [("screening", "0008_change_history")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
