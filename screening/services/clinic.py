"""Reading the clinic's screening settings, with the specification's defaults when none are saved."""

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from screening.models import ClinicSettings


def get_clinic_settings() -> ClinicSettings:
    """The saved settings row, or an unsaved one holding the defaults."""
    return ClinicSettings.objects.filter(singleton=True).first() or ClinicSettings()


def get_crisis_text() -> str:
    """The crisis wording shown to patients: the admin's text, or the default of shared/clinical/README.md."""
    return get_clinic_settings().crisis_text


def get_bp_warning_text() -> str:
    """The blood-pressure warning shown to patients: the admin's text, or the default of the README."""
    return get_clinic_settings().bp_warning_text


def on_call_clinicians(clinic_settings: ClinicSettings) -> list[User]:
    """The active clinicians on call; empty when the settings are not saved yet."""
    if clinic_settings.pk is None:
        return []
    return list(clinic_settings.on_call.filter(is_active=True, role=Role.CLINICIAN).order_by("email"))


def all_staff() -> list[User]:
    """Every active clinician and admin: the escalation list."""
    return list(User.objects.filter(is_active=True, role__in=STAFF_ROLES).order_by("email"))
