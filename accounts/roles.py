"""The three roles, kept as groups so permissions are data an admin can read."""

from django.db import models


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Admin"


STAFF_ROLES = frozenset({Role.CLINICIAN, Role.ADMIN})
