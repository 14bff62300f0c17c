"""Store every email in its one normal spelling (trimmed, lower case), refusing to merge accounts.

Sign-in now looks an account up by that exact spelling, and django-axes counts failures under it.
Two accounts whose addresses differ only in case or surrounding spaces are not merged: the migration
stops and names them, so a person decides which account to keep.
"""

import unicodedata
from collections import defaultdict

import django.db.models.functions.text
from django.db import migrations, models


def normal(email: str) -> str:
    # Frozen copy of accounts.models.normalize_email as it was when this migration was written.
    return unicodedata.normalize("NFKC", email).strip().lower()


class EmailClash(Exception):
    """Accounts whose addresses differ only in case or spaces: a person must merge or change them."""


def normalise_emails(apps: object, schema_editor: object) -> None:
    User = apps.get_model("accounts", "User")
    rows = list(User.objects.order_by("pk").values_list("pk", "email"))
    spellings = defaultdict(list)
    for pk, email in rows:
        spellings[normal(email)].append(f"id {pk} {email!r}")
    clashes = [" and ".join(group) for group in spellings.values() if len(group) > 1]
    if clashes:
        raise EmailClash(
            "These accounts have the same email address in different case or spacing: "
            + "; ".join(clashes) + ". Change the address of all but one of each, then migrate again."
        )
    for pk, email in rows:
        if email != normal(email):
            User.objects.filter(pk=pk).update(email=normal(email))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_user_created_by"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
        migrations.AlterConstraint(
            model_name="user",
            name="user_email_ci_unique",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"), name="user_email_ci_unique",
                violation_error_message="An account with this email address already exists.",
            ),
        ),
    ]
