"""What admins manage: locations, providers with their licences and routes, availability, settings."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import STAFF_ROLES
from clinic.validators import validate_visible_text
from patients.steps.about import US_STATES
from review.models import Route
from scheduling.validators import validate_npi, validate_routes, validate_time_zone

DEFAULT_IN_PERSON_MINUTES = 60
DEFAULT_TELEHEALTH_MINUTES = 30
DEFAULT_CHANGE_CUTOFF_HOURS = 24
EXPIRY_WARNING_DAYS = 30  # licences lapsing this soon are highlighted to admins
WEEKDAYS = ((0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
            (5, "Saturday"), (6, "Sunday"))


class LocationKind(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    TELEHEALTH = "telehealth", "Telehealth (video call)"


class Credential(models.TextChoices):
    MD = "MD", "MD"
    DO = "DO", "DO"
    NP = "NP", "NP"
    PA = "PA", "PA"
    RN = "RN", "RN"
    OTHER = "OTHER", "Other"


def state_field(verbose_name: str = "state", **extra: object) -> models.CharField:
    return models.CharField(verbose_name, max_length=2, choices=US_STATES, **extra)


class LocationQuerySet(models.QuerySet):
    def active(self) -> "LocationQuerySet":
        return self.filter(active=True)


class Location(models.Model):
    """A clinic site, or the clinic's telehealth service (a location kind of its own)."""

    Kind = LocationKind

    name = models.CharField(max_length=120, unique=True, validators=[validate_visible_text])
    kind = models.CharField(max_length=16, choices=LocationKind.choices, default=LocationKind.IN_PERSON)
    address_line = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = state_field(help_text="Where in-person care happens, so where its provider must be licensed.")
    postcode = models.CharField("ZIP code", max_length=10, blank=True)
    time_zone = models.CharField(
        max_length=64, validators=[validate_time_zone], default="America/New_York",
        help_text="An IANA time zone name, like America/New_York. Slots are shown in it.",
    )
    esketamine_certified = models.BooleanField(
        "certified for esketamine", default=False,
        help_text="A certified healthcare setting under the SPRAVATO REMS.",
    )
    telehealth_instructions = models.TextField(
        blank=True, help_text="For telehealth: how the patient joins the call (sent with the booking)."
    )
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="telehealth") | models.Q(esketamine_certified=False),
                name="telehealth_location_not_esketamine_certified",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_telehealth(self) -> bool:
        return self.kind == LocationKind.TELEHEALTH


class ProviderQuerySet(models.QuerySet):
    def active(self) -> "ProviderQuerySet":
        return self.filter(active=True)


class Provider(models.Model):
    """A person who holds consultations: credential, NPI, routes offered, locations, licences."""

    Credential = Credential

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="provider",
        limit_choices_to={"role__in": sorted(STAFF_ROLES)}, verbose_name="staff account",
        help_text="Optional: the provider's own staff account.",
    )
    name = models.CharField(max_length=150, validators=[validate_visible_text])
    credential = models.CharField(max_length=8, choices=Credential.choices)
    npi = models.CharField(
        "NPI", max_length=10, unique=True, validators=[validate_npi],
        help_text="The 10-digit National Provider Identifier.",
    )
    routes = models.JSONField(
        "treatment routes", default=list, blank=True, validators=[validate_routes],
        help_text="The treatment routes this provider offers.",
    )
    locations = models.ManyToManyField(Location, blank=True, related_name="providers")
    accepts_new_patients = models.BooleanField(default=True)
    active = models.BooleanField(default=True, help_text="Deactivate instead of deleting: history is kept.")
    history = HistoricalRecords(m2m_fields=[locations])

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credential}" if self.credential != Credential.OTHER else self.name

    def route_labels(self) -> list[str]:
        return [Route(value).label for value in self.routes if value in Route.values]


class Licence(models.Model):
    """A state licence to practise; valid through its expiry date."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="licences")
    state = state_field()
    number = models.CharField(max_length=40, validators=[validate_visible_text])
    expires_on = models.DateField(help_text="The last day the licence is valid.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "-expires_on", "pk"]

    def __str__(self) -> str:
        return f"{self.state} {self.number} (expires {self.expires_on.isoformat()})"

    def is_valid_on(self, day: date) -> bool:
        return day <= self.expires_on

    def expires_within(self, *, days: int, today: date) -> bool:
        """Still valid today but lapsing within `days` days."""
        return today <= self.expires_on and (self.expires_on - today).days <= days

    def standing(self, *, today: date) -> str:
        """In words, never colour alone: "Expired", "Expires in 12 days" (within 30 days) or "Valid"."""
        if self.expires_on < today:
            return "Expired"
        if self.expires_within(days=EXPIRY_WARNING_DAYS, today=today):
            days = (self.expires_on - today).days
            return "Expires today" if days == 0 else f"Expires in {days} day{'' if days == 1 else 's'}"
        return "Valid"


class WeeklyHours(models.Model):
    """A provider's regular hours at one location on one weekday, in the location's local time."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="weekly_hours")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    starts = models.TimeField(help_text="Local time at the location.")
    ends = models.TimeField(help_text="Local time at the location.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "weekly hours"
        verbose_name_plural = "weekly hours"
        ordering = ["weekday", "starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="weekly_hours_end_after_start"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekly_hours_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M} at {self.location_id}"


class AvailabilityException(models.Model):
    """Time off (no slots) or extra hours (more slots) for a provider, at one location or all."""

    class Kind(models.TextChoices):
        TIME_OFF = "time_off", "Time off"
        EXTRA = "extra", "Extra hours"

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="exceptions")
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        help_text="Leave empty for every location (time off only).",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TIME_OFF)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="availability_exception_end_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="extra") | models.Q(location__isnull=False),
                name="extra_hours_name_a_location",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.provider_id} from {self.starts_at:%Y-%m-%d %H:%M}"


class SchedulingSettings(models.Model):
    """The single row of the clinic's scheduling settings, edited by admins."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    in_person_minutes = models.PositiveSmallIntegerField(
        "in-person consultation length (minutes)", default=DEFAULT_IN_PERSON_MINUTES,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    telehealth_minutes = models.PositiveSmallIntegerField(
        "telehealth consultation length (minutes)", default=DEFAULT_TELEHEALTH_MINUTES,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    patient_self_booking = models.BooleanField(
        "cleared patients may book themselves", default=False,
        help_text="Cleared patients choose among the offered slots on their dashboard.",
    )
    patient_change_cutoff_hours = models.PositiveSmallIntegerField(
        "hours before a consultation that patients may still cancel or reschedule",
        default=DEFAULT_CHANGE_CUTOFF_HOURS, validators=[MaxValueValidator(24 * 14)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "scheduling settings"
        verbose_name_plural = "scheduling settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="scheduling_settings_singleton")
        ]

    def __str__(self) -> str:
        return "Scheduling settings"

    @classmethod
    def current(cls) -> "SchedulingSettings":
        """The clinic's row (the defaults, unsaved, if it is missing: no write on a read)."""
        return cls.objects.filter(singleton=True).first() or cls()

    def minutes_for(self, kind: str) -> int:
        """The consultation length for a location kind."""
        return self.telehealth_minutes if kind == LocationKind.TELEHEALTH else self.in_person_minutes
