"""The clinic's screening settings: patient wording, who is alerted and when; one row, edited by admins."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import Role

# The wording of shared/clinical/README.md ("Crisis wording").
DEFAULT_CRISIS_TEXT = (
    "If you are thinking about suicide or are in crisis, call or text 988 (Suicide & Crisis Lifeline, "
    "24/7). If you are in immediate danger, call 911. You can also text HOME to 741741."
)
# The wording of shared/clinical/README.md ("Urgent answers before submission").
DEFAULT_BP_WARNING_TEXT = (
    "A reading this high can be dangerous. If you have chest pain, shortness of breath, a severe headache, "
    "weakness or numbness, trouble seeing or speaking, or feel confused, call 911 now. If not, sit quietly "
    "for five minutes and measure again; enter the new reading if it is lower. The clinic will contact you "
    "today about this reading."
)
DEFAULT_ALERT_ACK_MINUTES = 15


class ClinicSettings(models.Model):
    """The single row of clinic-wide screening settings."""

    # A constant unique column makes a second row impossible at the database level.
    singleton = models.BooleanField(default=True, unique=True, editable=False)
    crisis_text = models.TextField(
        default=DEFAULT_CRISIS_TEXT,
        help_text="Shown to a patient whose answers signal suicide risk. Do not promise live monitoring.",
    )
    bp_warning_text = models.TextField(
        "blood-pressure warning",
        default=DEFAULT_BP_WARNING_TEXT,
        help_text="Shown beside a blood-pressure reading in the crisis range (rule CARDIO_BP_CRISIS_RANGE). "
        "Saving such a reading alerts the on-call clinician, so the text may say the clinic will call today.",
    )
    alert_ack_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_ALERT_ACK_MINUTES,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="If no clinician acknowledges a crisis alert within this many minutes, every clinician "
        "and admin is alerted.",
    )
    on_call = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        limit_choices_to={"role": Role.CLINICIAN, "is_active": True},
        help_text="Clinicians alerted first about an urgent intake. With nobody on call, everyone is "
        "alerted at once.",
    )
    notify_on_call_of_submissions = models.BooleanField(
        "email on call about every new intake", default=False,
        help_text="Email the on-call clinicians (every clinician when nobody is on call) as soon as any "
        "intake is sent, not only urgent ones. The email holds a case number and a link, nothing about the "
        "patient.",
    )
    # Who changed the crisis wording, the window or the on-call list, and when (admin History page).
    history = HistoricalRecords(m2m_fields=[on_call])

    class Meta:
        verbose_name = "clinic settings"
        verbose_name_plural = "clinic settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="clinic_settings_singleton")
        ]

    def __str__(self) -> str:
        return "Clinic settings"
