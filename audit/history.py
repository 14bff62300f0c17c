"""What the change history keeps of accounts: staff accounts only, never a password hash."""

from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import STAFF_ROLES

# Never copied into a history table: the hash is a secret, and a row per sign-in would bury the changes.
USER_FIELDS_NOT_KEPT = ["password", "last_login"]


class StaffHistoricalRecords(HistoricalRecords):
    """History of staff accounts only.

    A patient's account holds their name and email, and an admin who could read its history would learn
    who the clinic's patients are. Patient accounts are not admin-managed data, so none is recorded.
    """

    def post_save(self, instance: models.Model, created: bool, using: str | None = None, **kwargs) -> None:
        if set(kwargs.get("update_fields") or ["*"]) <= {"last_login"}:
            return  # a sign-in: Django saves last_login alone, which the history does not keep
        super().post_save(instance, created, using=using, **kwargs)

    def create_historical_record(
        self, instance: models.Model, history_type: str, using: str | None = None
    ) -> None:
        if getattr(instance, "role", None) in STAFF_ROLES:
            super().create_historical_record(instance, history_type, using=using)
