"""Who may act in review: active clinicians only."""

from django.core.exceptions import PermissionDenied

from accounts.models import User


def require_clinician(user: User) -> None:
    """Refuse anyone but an active clinician (admins run the clinic but make no clinical decisions)."""
    if not (user.is_active and user.is_clinician):
        raise PermissionDenied("Only a clinician can review cases.")
