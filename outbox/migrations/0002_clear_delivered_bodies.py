"""Clear the bodies of messages already sent or given up on, then make the database keep it so."""

from django.db import migrations, models


def clear_delivered_bodies(apps: object, schema_editor: object) -> None:
    Message = apps.get_model("outbox", "Message")
    Message.objects.filter(status__in=["sent", "failed"]).exclude(body="").update(body="")


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(clear_delivered_bodies, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['sent', 'failed']), _negated=True), ('body', ''), _connector='OR'), name='outbox_body_cleared_once_done'),
        ),
    ]
