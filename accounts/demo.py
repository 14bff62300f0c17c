"""Demo accounts: one per role, plus a second clinician and a patient who never started an intake."""

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role

DEMO_PASSWORD = "demo-clinic-2026"
DEMO_ACCOUNTS = [
    ("admin@demo.clinic", Role.ADMIN, "Ada", "Admin"),
    ("clinician@demo.clinic", Role.CLINICIAN, "Casey", "Clinician"),
    ("clinician2@demo.clinic", Role.CLINICIAN, "Corey", "Clinician"),
    ("patient@demo.clinic", Role.PATIENT, "Pat", "Patient"),
    ("patient2@demo.clinic", Role.PATIENT, "Robin", "Newcomer"),
]


def load() -> list[str]:
    """Create or refresh the demo accounts; returns lines describing them."""
    for email, role, first, last in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.first_name, user.last_name = first, last
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.set_password(DEMO_PASSWORD)
        assign_role(user=user, role=role)
    return [f"{role.label:<10} {email}  /  {DEMO_PASSWORD}" for email, role, _, _ in DEMO_ACCOUNTS]
