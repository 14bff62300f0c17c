"""The more-information loop (reopened steps, answers changed, messages to the patient) and the queue's
copy of each intake's outcome with its indexes; screening migration 0008 fills the outcomes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('patients', '0002_intake_unsaved_pages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PatientMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('decision', 'Decision'), ('more_info', 'More information requested')], max_length=16)),
                ('body', models.TextField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='intake',
            name='answers_at_request',
            field=models.JSONField(blank=True, default=dict, help_text='The answers when more was asked for, to mark changes.'),
        ),
        migrations.AddField(
            model_name='intake',
            name='changed_answers',
            field=models.JSONField(blank=True, default=list, help_text='Answers the patient changed in the last resubmission.'),
        ),
        migrations.AddField(
            model_name='intake',
            name='current_outcome',
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddField(
            model_name='intake',
            name='outcome_rank',
            field=models.PositiveSmallIntegerField(default=9),
        ),
        migrations.AddField(
            model_name='intake',
            name='reopened_steps',
            field=models.JSONField(blank=True, default=list, help_text='Steps the patient may change while more is asked for.'),
        ),
        migrations.AlterField(
            model_name='intake',
            name='submitted_at',
            field=models.DateTimeField(blank=True, help_text='When it was last sent.', null=True),
        ),
        migrations.AddIndex(
            model_name='intake',
            index=models.Index(condition=models.Q(('status__in', ['submitted', 'in_review'])), fields=['outcome_rank', 'submitted_at', 'id'], name='intake_queue_order'),
        ),
        migrations.AddIndex(
            model_name='intake',
            index=models.Index(fields=['status', 'outcome_rank', 'submitted_at', 'id'], name='intake_status_order'),
        ),
        migrations.AddField(
            model_name='patientmessage',
            name='created_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='patientmessage',
            name='intake',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='patients.intake'),
        ),
        migrations.AddConstraint(
            model_name='patientmessage',
            constraint=models.CheckConstraint(condition=models.Q(('body', ''), _negated=True), name='patient_message_has_body'),
        ),
    ]
