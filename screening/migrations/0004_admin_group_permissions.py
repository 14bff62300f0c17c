"""What the admin role may do with screening models in the Django admin.

The dictionary and the clinic settings are the admin's to edit; crisis alerts may be read (they
carry no health information). Screening results and flags are health information: the admin
role does not get them.
"""

from django.db import migrations

ADMIN_PERMISSIONS = [
    "add_medicationname",
    "change_medicationname",
    "view_medicationname",
    "change_clinicsettings",
    "view_clinicsettings",
    "view_crisisalert",
]


def grant(apps, schema_editor) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate finishes; a fresh database needs them now.
    app_config = apps.get_app_config("screening")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="admin")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="screening", codename__in=ADMIN_PERMISSIONS)
    )


def revoke(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="admin"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="screening", codename__in=ADMIN_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0003_clinic_settings_row"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
