"""The clinic's Celery app with one change: Redis hands an unacknowledged task to another worker after
2 s instead of an hour, so a test can watch a killed worker's task come back (`celery -A <this module>`)."""

from clinic.celery import app

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": 2,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

__all__ = ["app"]
