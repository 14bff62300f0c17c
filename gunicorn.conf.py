"""Gunicorn settings (read from the working directory by `gunicorn clinic.wsgi`)."""

import multiprocessing
import os

bind = "0.0.0.0:8000"
# WEB_CONCURRENCY (see .env.example) overrides this default, as gunicorn documents.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow for ever.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
# Only the reverse proxy in front may claim the original scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
