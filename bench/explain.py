"""The query plans of the staff home and the rule catalogue on a PostgreSQL database (README, Performance).

    DATABASE_URL=postgres://... DEBUG=1 .venv/bin/python bench/explain.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from outbox.models import Message  # noqa: E402
from outbox.services import STUCK_AFTER  # noqa: E402
from patients.models import Intake  # noqa: E402
from screening.models import CrisisAlert, RuleCaseCount, ScreeningFlag  # noqa: E402
from screening.views import RECENT_ACKNOWLEDGED  # noqa: E402


def explain(title: str, queryset: object) -> None:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}", params)
        print(f"-- {title}\n" + "\n".join(row[0] for row in cursor.fetchall()) + "\n")


def main() -> None:
    alerts = CrisisAlert.objects.select_related("acknowledged_by")
    now = timezone.now()
    print(f"-- {CrisisAlert.objects.count()} crisis alerts, {Message.objects.count()} outbox messages\n")
    explain("staff home: recently acknowledged alerts", alerts.filter(status="acknowledged")
            .order_by("-acknowledged_at", "-pk")[:RECENT_ACKNOWLEDGED])
    explain("staff home: open alerts", alerts.filter(status="open").order_by("raised_at", "pk"))
    explain("staff home: emails stuck", Message.objects.filter(
        status="pending", created_at__lt=now - STUCK_AFTER).values("pk"))
    explain("rule catalogue: the stored counts", RuleCaseCount.objects.values_list(
        "code", "open_cases", "counted_at"))
    open_cases = Intake.objects.open_cases()
    current = ScreeningFlag.objects.filter(result__is_current=True, result__intake__in=open_cases)
    explain("count-open-cases task, each minute in a worker (the aggregate the page used to run)",
            current.values("code").annotate(cases=Count("result__intake", distinct=True)).order_by())


if __name__ == "__main__":
    main()
