"""Celery application. Tasks are acknowledged only after they finish, so a killed worker loses none: a killed
pool process's task runs again at once, and a whole worker's after Redis's visibility timeout (an hour)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("clinic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
