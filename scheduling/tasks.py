"""Scheduled consultation work, run by Celery beat (clinic/settings.py): each task is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from scheduling.services import licences, reminders


@shared_task
def send_consultation_reminders() -> int:
    """Queue the reminder of every consultation within a day that has none yet; returns how many."""
    return reminders.send_due_reminders(now=timezone.now())


@shared_task
def check_licences() -> int:
    """Flag booked consultations whose provider's licence lapses first; email admins expiring licences."""
    flagged = licences.flag_lapsed_licences(now=timezone.now())
    licences.send_licence_digest(today=timezone.localdate())
    return flagged
