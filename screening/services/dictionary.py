"""After an admin edits the medication dictionary: screen the active cases again against it."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def rescreen_after_dictionary_change() -> None:
    """Queue the re-screening of outdated active cases once the surrounding transaction commits."""
    transaction.on_commit(publish_rescreen)


def publish_rescreen() -> None:
    """Hand the re-screening to Celery; when the broker is down the periodic run catches up later."""
    from screening.tasks import rescreen_outdated  # the tasks module imports the services

    try:
        rescreen_outdated.delay()
    except Exception:  # broker outage: results stay outdated until the next beat, nothing is lost
        logger.warning("screening: could not queue the re-screening after a dictionary change", exc_info=True)
