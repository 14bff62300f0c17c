"""/healthz for load balancers and monitoring: JSON, fast, never hanging, and no health information.

Anyone gets whether the database and the broker answer. The backlog figures (the oldest email waiting,
failed emails, crisis alerts nobody acknowledged) go only to a caller that presents HEALTHZ_TOKEN: a
public count of open crisis alerts would tell someone who knows when a person filled in the form that
they answered the suicide screen at high risk.
"""

import hmac
from datetime import datetime

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.access import public
from outbox.models import Message
from outbox.services import oldest_pending_age
from screening.models import CrisisAlert

BROKER_TIMEOUT_SECONDS = 1


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return "ok"


def broker_status() -> str:
    """"ok", "down", or "not used" (development runs tasks in-process); gives up after about a second."""
    if not settings.CELERY_BROKER_URL:
        return "not used"
    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except (redis.RedisError, OSError):
        return "down"
    finally:
        client.close()
    return "ok"


def backlog(now: datetime) -> dict:
    """The figures monitoring alerts on: how far email delivery and crisis acknowledgement lag."""
    age = oldest_pending_age(now=now)
    return {
        "outbox_oldest_pending_seconds": None if age is None else round(age.total_seconds()),
        "outbox_failed": Message.objects.filter(status=Message.Status.FAILED).count(),
        "crisis_alerts_unacknowledged": CrisisAlert.objects.filter(status=CrisisAlert.Status.OPEN).count(),
    }


def has_monitoring_token(request: HttpRequest) -> bool:
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers, 503 when it does not; a broker outage is reported, not a 503.

    Requests never wait on the broker (the outbox publishes after the response and the dispatcher
    catches up), so an instance without a broker still serves patients: taking it out of the load
    balancer would turn a delay in email into an outage of the site.
    """
    body = {"database": database_status(), "broker": broker_status()}
    healthy = body["database"] == "ok"
    body["status"] = "ok" if healthy else "down"
    if healthy and has_monitoring_token(request):
        body.update(backlog(timezone.now()))
    return JsonResponse(body, status=200 if healthy else 503)
