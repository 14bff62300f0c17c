"""Create the single scheduling settings row, and let the admin role manage providers and locations."""

from django.db import migrations

MANAGED = ["location", "provider", "licence", "weeklyhours", "availabilityexception"]
# Add and change but never delete: a provider or location is deactivated, so its history stays.
ADMIN_PERMISSIONS = [
    *(f"{verb}_{model}" for model in MANAGED for verb in ("add", "change", "view")),
    *(f"delete_{model}" for model in ("licence", "weeklyhours", "availabilityexception")),
    "change_schedulingsettings", "view_schedulingsettings",
]


def create_row_and_grant(apps, schema_editor) -> None:
    from django.contrib.auth.management import create_permissions

    apps.get_model("scheduling", "SchedulingSettings").objects.get_or_create(singleton=True)
    # Permissions are normally created after migrate finishes; a fresh database needs them now.
    app_config = apps.get_app_config("scheduling")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="admin")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="scheduling", codename__in=ADMIN_PERMISSIONS)
    )


def revoke(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="admin"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="scheduling", codename__in=ADMIN_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(create_row_and_grant, revoke)]
