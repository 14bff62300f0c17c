"""Create the single review settings row, and let the admin role edit it (and see nothing else of review)."""

from django.db import migrations

ADMIN_PERMISSIONS = ["change_reviewsettings", "view_reviewsettings"]


def create_row_and_grant(apps, schema_editor) -> None:
    from django.contrib.auth.management import create_permissions

    apps.get_model("review", "ReviewSettings").objects.get_or_create(singleton=True)
    # Permissions are normally created after migrate finishes; a fresh database needs them now.
    app_config = apps.get_app_config("review")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="admin")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="review", codename__in=ADMIN_PERMISSIONS)
    )


def revoke(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="admin"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="review", codename__in=ADMIN_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(create_row_and_grant, revoke)]
