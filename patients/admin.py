"""Intakes are deliberately absent from the Django admin.

Whether a person has an intake is itself health information. The admin role has no clinical reason
to see it (see Intake.objects.for_user); clinicians read intakes in the app, where access is scoped.
"""
