"""Gunicorn settings (read from the working directory by `gunicorn clinic.wsgi`)."""

import multiprocessing
import os

bind = "0.0.0.0:8000"
# WEB_CONCURRENCY (see .env.example) overrides this default, as gunicorn documents.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
# Load Django once in the master, then fork: a recycled worker is serving again in milliseconds instead
# of the second an import of the whole app takes. (Code changes then need a restart, not a HUP.)
preload_app = True


def when_ready(server: object) -> None:
    """In the master, before any worker is forked: import every view and compile every template once, so
    a new or recycled worker serves its first request as fast as its thousandth (clinic/warmup.py)."""
    if server.cfg.preload_app:
        from clinic.warmup import warm_up

        server.log.info("Warmed up: %s templates compiled", warm_up())


# Recycle workers now and then so a slow leak cannot grow for ever. Each worker draws its own limit
# between max_requests and max_requests + jitter, so with a jitter of half the limit the workers' restarts
# fall far apart and never stall them all at once (see .env.example).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 2))
accesslog = "-"
errorlog = "-"
# Only the reverse proxy in front may claim the original scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
