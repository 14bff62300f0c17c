"""Crisis alerts have a queue and a worker of their own: a mail server that hangs ordinary email cannot
delay an escalation, and no worker holds a transaction open while it waits (real workers, Redis, SMTP socket).
"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from outbox.models import Message
from outbox.publishing import publish
from screening.models import ClinicSettings, CrisisAlert
from screening.services import raise_draft_crisis_alert
from screening.tasks import escalate_overdue_alerts
from tests.factories import DraftIntakeFactory, UserFactory
from tests.faults import BlackHole, black_hole, wait_until
from tests.workers import celery_worker, purge_queues

HIGH_RISK = {"cssrs_q1": "yes", "cssrs_q2": "yes", "cssrs_q3": "no", "cssrs_q4": "yes", "cssrs_q5": "no"}
EMAIL_TIMEOUT = 10  # the default of .env.example: each ordinary send below hangs this long
WAIT_SECONDS = 30


def test_the_crisis_queue_takes_escalations_and_crisis_emails_and_nothing_else() -> None:
    assert settings.CELERY_TASK_ROUTES["screening.tasks.escalate_overdue_alerts"]["queue"] == "crisis"
    assert settings.OUTBOX_QUEUES == {"crisis-alert": "crisis", "crisis-alert-escalated": "crisis"}
    crisis_dispatch = settings.CELERY_BEAT_SCHEDULE["dispatch-crisis-outbox"]
    assert crisis_dispatch["kwargs"] == {"queue": "crisis"}
    assert crisis_dispatch["options"]["queue"] == "crisis"


def overdue_alert() -> CrisisAlert:
    """An alert raised 30 minutes ago whose first email went out (in-process), unacknowledged since."""
    on_call = UserFactory(role="clinician", email="oncall@clinic.test")
    ClinicSettings.objects.get_or_create(singleton=True)[0].on_call.add(on_call)
    UserFactory(role="admin", email="admin@clinic.test")
    with time_machine.travel(timezone.now() - timedelta(minutes=30)):
        alert = raise_draft_crisis_alert(
            intake=DraftIntakeFactory(answers=HIGH_RISK), findings={"SI_CSSRS_HIGH": {"cssrs_q4": "yes"}}
        )
    assert Message.objects.get(kind="crisis-alert").status == Message.Status.SENT
    return alert


def hang_ordinary_email(smtp: BlackHole, count: int) -> list[Message]:
    """Queue `count` ordinary emails, one batch each, and wait until two workers are stuck sending."""
    messages = [
        Message.objects.create(recipient=f"pat{n}@example.test", subject="Hello", body="Hi", kind="test")
        for n in range(count)
    ]
    for message in messages:
        assert publish(queue=settings.CELERY_TASK_DEFAULT_QUEUE, message_pks=[message.pk])
    wait_until(lambda: len(smtp.accepted) >= 2, timeout=WAIT_SECONDS, what="both ordinary workers to hang")
    return messages


def idle_in_transaction() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_an_overdue_alert_escalates_on_time_while_ordinary_email_hangs_on_the_mail_server(
    settings: object,
) -> None:
    alert = overdue_alert()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    purge_queues("celery", "crisis")
    with black_hole() as smtp:
        mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp.port), "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT)}
        with celery_worker(queues=["celery"], concurrency=2, **mail) as ordinary, \
                celery_worker(queues=["crisis"], concurrency=1, **mail) as crisis:
            ordinary_mail = hang_ordinary_email(smtp, 6)

            escalate_overdue_alerts.delay()  # what beat does every minute
            wait_until(
                lambda: CrisisAlert.objects.filter(pk=alert.pk, escalated_at__isnull=False).exists(),
                timeout=WAIT_SECONDS, what="the escalation",
            )

            # Escalated while both ordinary workers still wait on the mail server, holding no transaction.
            hung = Message.objects.filter(pk__in=[m.pk for m in ordinary_mail])
            assert not hung.filter(last_error__gt="").exists()
            assert Message.objects.filter(kind="crisis-alert-escalated").count() == 2
            assert idle_in_transaction() == 0
            # Both workers stop normally: each hung send gives up after EMAIL_TIMEOUT.
            ordinary.stop()
            crisis.stop()
            assert ordinary.process.wait(WAIT_SECONDS * 2) == 0
            assert crisis.process.wait(WAIT_SECONDS * 2) == 0

    failed = Message.objects.filter(pk__in=[m.pk for m in ordinary_mail], attempts=1)
    assert failed.count() >= 2, [m.last_error for m in failed]
    assert all("timed out" in m.last_error for m in failed), [m.last_error for m in failed]
