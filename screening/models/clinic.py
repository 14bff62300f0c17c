"""The clinic's own settings: patient wording, who is alerted and when, how patients reach the clinic."""

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
DEFAULT_CLINIC_HOURS = "Monday to Friday, 9 AM to 5 PM"
DEFAULT_REVIEW_WORKING_DAYS = 2


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
    clinic_phone = models.CharField(
        "clinic phone number", max_length=30, blank=True,
        help_text="The number patients can call with questions, shown on their pages once they have sent "
        "their intake. Leave blank only until the clinic has one: patients are then told to wait to be "
        "contacted.",
    )
    clinic_hours = models.CharField(
        "hours the phone is answered", max_length=120, default=DEFAULT_CLINIC_HOURS,
        help_text="Shown next to the phone number, for example \u201cMonday to Friday, 9 AM to 5 PM\u201d.",
    )
    review_working_days = models.PositiveSmallIntegerField(
        "working days to review an intake", default=DEFAULT_REVIEW_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Patients are told a clinician will read their answers within this many working days "
        "(Monday to Friday). An urgent intake is told the clinic will call the same day.",
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
