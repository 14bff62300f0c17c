"""Start the history of staff accounts and role groups with what they hold now (see screening 0009)."""

from django.db import migrations
from django.utils import timezone

REASON = "As it was when the change history began"
STAFF_ROLES = ["clinician", "admin"]


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
    User = apps.get_model("accounts", "User")
    HistoricalUser = apps.get_model("audit", "HistoricalUser")
    # Staff only, and never the password: the historical model has no such column.
    HistoricalUser.objects.bulk_create(
        version_of(user, HistoricalUser, when) for user in User.objects.filter(role__in=STAFF_ROLES)
    )
    HistoricalGroup = apps.get_model("audit", "HistoricalGroup")
    GroupPermissions = apps.get_model("audit", "HistoricalGroup_permissions")
    for group in apps.get_model("auth", "Group").objects.all():
        version = version_of(group, HistoricalGroup, when)
        version.save()
        GroupPermissions.objects.bulk_create(
            GroupPermissions(history=version, id=row.id, group_id=row.group_id, permission_id=row.permission_id)
            for row in group.permissions.through.objects.filter(group_id=group.pk)
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_access_record_append_only")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
