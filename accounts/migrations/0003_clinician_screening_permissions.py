"""Clinicians may read screening results, flags, their history, crisis alerts and the dictionary.

The admin role's screening permissions (dictionary, clinic settings) are granted by the screening
app's own migration 0004; results and flags are health information, which the admin role never gets.
"""

from django.db import migrations

CLINICIAN_PERMISSIONS = [
    "view_screeningresult",
    "view_screeningflag",
    "view_screeningchange",
    "view_crisisalert",
    "view_medicationname",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate finishes; a fresh database needs them now.
    app_config = apps.get_app_config("screening")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="clinician")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="screening", codename__in=CLINICIAN_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="clinician"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="screening", codename__in=CLINICIAN_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("screening", "0004_admin_group_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
