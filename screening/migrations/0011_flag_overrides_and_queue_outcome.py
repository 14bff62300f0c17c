"""Overrides with a reason from the fixed list and a co-signature; each intake's outcome copied for the queue.

Overrides recorded before the reason list existed get "other" (their note is kept), so the new constraint
holds; every intake with a current result gets its outcome and queue rank.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OUTCOME_RANK = {"URGENT": 0, "BLOCKED": 1, "REVIEW": 2, "ELIGIBLE": 3}


def give_old_overrides_a_reason(apps, schema_editor) -> None:
    ScreeningFlag = apps.get_model("screening", "ScreeningFlag")
    ScreeningFlag.objects.filter(review_state="overridden", override_reason="").update(override_reason="other")


def copy_current_outcomes(apps, schema_editor) -> None:
    Intake = apps.get_model("patients", "Intake")
    ScreeningResult = apps.get_model("screening", "ScreeningResult")
    for outcome, rank in OUTCOME_RANK.items():
        current = ScreeningResult.objects.filter(is_current=True, outcome=outcome).values("intake_id")
        Intake.objects.filter(pk__in=current).update(current_outcome=outcome, outcome_rank=rank)


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0010_urgent_answers_before_submission'),
        ('patients', '0003_review_loop_and_queue_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='clinicsettings',
            name='notify_on_call_of_submissions',
            field=models.BooleanField(default=False, help_text='Email the on-call clinicians (every clinician when nobody is on call) as soon as any intake is sent, not only urgent ones. The email holds a case number and a link, nothing about the patient.', verbose_name='email on call about every new intake'),
        ),
        migrations.AddField(
            model_name='historicalclinicsettings',
            name='notify_on_call_of_submissions',
            field=models.BooleanField(default=False, help_text='Email the on-call clinicians (every clinician when nobody is on call) as soon as any intake is sent, not only urgent ones. The email holds a case number and a link, nothing about the patient.', verbose_name='email on call about every new intake'),
        ),
        migrations.AddField(
            model_name='screeningflag',
            name='added_by_rescreen',
            field=models.BooleanField(default=False, help_text='Raised, or its evidence changed, by a screening after the first one.'),
        ),
        migrations.AddField(
            model_name='screeningflag',
            name='cosigned_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='screeningflag',
            name='cosigned_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='screeningflag',
            name='override_reason',
            field=models.CharField(blank=True, choices=[('patient_clarified', 'Patient clarified the answer'), ('specialist_clearance', 'Specialist clearance on file'), ('condition_resolved', 'Condition resolved'), ('benefit_outweighs_risk', 'Benefit outweighs risk, documented'), ('other', 'Other')], max_length=32),
        ),
        migrations.RunPython(give_old_overrides_a_reason, migrations.RunPython.noop),
        migrations.RunPython(copy_current_outcomes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='screeningflag',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('review_state', 'overridden'), _negated=True), models.Q(('override_reason', ''), _negated=True), _connector='OR'), name='overridden_flag_has_override_reason'),
        ),
        migrations.AddConstraint(
            model_name='screeningflag',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('cosigned_at__isnull', True), ('cosigned_by__isnull', True)), models.Q(('cosigned_at__isnull', False), ('cosigned_by__isnull', False), ('review_state', 'overridden')), _connector='OR'), name='cosigned_flag_is_an_override_with_who_and_when'),
        ),
        migrations.AddConstraint(
            model_name='screeningflag',
            constraint=models.CheckConstraint(condition=models.Q(('cosigned_by__isnull', True), models.Q(('cosigned_by', models.F('reviewed_by')), _negated=True), _connector='OR'), name='cosigner_is_not_the_reviewer'),
        ),
        migrations.AddIndex(
            model_name='screeningflag',
            index=models.Index(condition=models.Q(('added_by_rescreen', True), ('review_state', 'open')), fields=['result'], name='new_open_flag_result'),
        ),
    ]
