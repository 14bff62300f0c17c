"""The review app: claims, flag and alert dispositions, decisions and the review settings."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('patients', '0003_review_loop_and_queue_fields'),
        ('screening', '0011_flag_overrides_and_queue_outcome'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Claim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('claimed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('clinician', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('intake', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='claim', to='patients.intake')),
            ],
        ),
        migrations.CreateModel(
            name='ReviewSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('singleton', models.BooleanField(default=True, editable=False, unique=True)),
                ('review_working_days', models.PositiveSmallIntegerField(default=2, help_text='A case waiting longer than this many working days (Monday to Friday) after it was sent is overdue. An urgent case is due the same day.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(20)], verbose_name='working days to review an intake')),
                ('claim_lapse_minutes', models.PositiveSmallIntegerField(default=60, help_text="A clinician's claim on a case lapses after this long without activity, so another clinician can take the case over.", validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(1440)], verbose_name='minutes before a claim lapses')),
                ('cosignature_required', models.BooleanField(default=True, help_text='An overridden exclusion must be co-signed by a second clinician before the case can be cleared.', verbose_name='overrides need a second clinician')),
            ],
            options={
                'verbose_name': 'review settings',
                'verbose_name_plural': 'review settings',
                'constraints': [models.CheckConstraint(condition=models.Q(('singleton', True)), name='review_settings_singleton')],
            },
        ),
        migrations.CreateModel(
            name='AlertDisposition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('contacted', 'Contacted the patient, safety plan made'), ('referred', 'Referred to emergency care'), ('not_reached', 'Could not reach the patient'), ('other', 'Other')], max_length=16)),
                ('note', models.TextField()),
                ('retry_at', models.DateTimeField(blank=True, help_text='When to try the patient again.', null=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('alert', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dispositions', to='screening.crisisalert')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['at', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('note', ''), _negated=True), name='alert_disposition_has_note'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'not_reached'), ('retry_at__isnull', False)), models.Q(models.Q(('kind', 'not_reached'), _negated=True), ('retry_at__isnull', True)), _connector='OR'), name='alert_disposition_retry_only_when_not_reached')],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('clear', 'Cleared for consultation'), ('decline', 'Declined'), ('more_info', 'More information requested')], max_length=16)),
                ('routes', models.JSONField(blank=True, default=list, help_text='Cleared treatment routes (Route values).')),
                ('conditions', models.TextField(blank=True, help_text='For example: BP re-check before the first dose.')),
                ('patient_message', models.TextField(blank=True)),
                ('internal_reason', models.TextField(blank=True)),
                ('reopened_steps', models.JSONField(blank=True, default=list)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('intake', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='patients.intake')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'decline'), _negated=True), models.Q(models.Q(('patient_message', ''), _negated=True), models.Q(('internal_reason', ''), _negated=True)), _connector='OR'), name='decline_has_message_and_reason'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'more_info'), _negated=True), models.Q(('patient_message', ''), _negated=True), _connector='OR'), name='more_info_has_message')],
            },
        ),
        migrations.CreateModel(
            name='FlagDisposition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=64)),
                ('severity', models.CharField(choices=[('URGENT', 'Urgent'), ('EXCLUSION', 'Exclusion'), ('PRECAUTION', 'Precaution'), ('INFO', 'Information')], max_length=10)),
                ('kind', models.CharField(choices=[('acknowledged', 'Acknowledged'), ('overridden', 'Overridden'), ('cosigned', 'Override co-signed')], max_length=16)),
                ('override_reason', models.CharField(blank=True, choices=[('patient_clarified', 'Patient clarified the answer'), ('specialist_clearance', 'Specialist clearance on file'), ('condition_resolved', 'Condition resolved'), ('benefit_outweighs_risk', 'Benefit outweighs risk, documented'), ('other', 'Other')], max_length=32)),
                ('note', models.TextField(blank=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('flag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dispositions', to='screening.screeningflag')),
                ('intake', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='flag_dispositions', to='patients.intake')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'overridden'), _negated=True), models.Q(models.Q(('override_reason', ''), _negated=True), models.Q(('note', ''), _negated=True)), _connector='OR'), name='override_disposition_has_reason_and_note')],
            },
        ),
    ]
