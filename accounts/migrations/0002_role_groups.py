"""One group per role; a group's permissions are what that role may do in the Django admin.

Patients get no model permissions: what they see is scoped by ownership in the views.
Screening permissions come later, once the screening models exist: the admin role's in the
screening app's migration 0004, the clinician role's in accounts migration 0003.
"""

from django.db import migrations

GROUP_PERMISSIONS = {
    "patient": [],
    "clinician": [
        ("patients", "view_intake"),
        ("patients", "view_intakestatuschange"),
    ],
    "admin": [
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        ("auth", "view_group"),
        ("outbox", "view_message"),
    ],
}


def ensure_permissions(apps):
    # Permissions are normally created after migrate finishes; a fresh database needs them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    User = apps.get_model("accounts", "User")
    for user in User.objects.all():
        user.groups.add(Group.objects.get(name=user.role))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("outbox", "0001_initial"),
        ("patients", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
