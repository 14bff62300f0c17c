"""Sessions whose failure to save never turns a finished request into an error page."""

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session that cannot be saved leaves the response as the view made it.

    By then the view has done its work (a sent intake is committed): answering 400 or 500 would tell the
    patient it failed. The session keeps its last saved state, and the cookie is left as it was.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError) as error:
            logger.warning("session not saved after %s %s: %s", request.method, request.path, error)
            return response
