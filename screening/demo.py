"""Demo data for screening: the clinic settings, with the demo clinician on call for crisis alerts."""

from accounts.models import User
from screening.models import ClinicSettings

ON_CALL_EMAIL = "clinician@demo.clinic"


def load() -> list[str]:
    """Put the demo clinician on call (safe to run again); returns lines to print."""
    clinic_settings, _ = ClinicSettings.objects.get_or_create(singleton=True)
    clinician = User.objects.filter(email=ON_CALL_EMAIL).first()
    if clinician is None:
        return []
    clinic_settings.on_call.add(clinician)
    return [f"On call for crisis alerts: {ON_CALL_EMAIL}"]
