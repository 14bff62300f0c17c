"""Access rows for the screening app: staff pages; only clinicians acknowledge crisis alerts."""

from screening.models import CrisisAlert
from tests.access.table import Ctx, Row

STAFF_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 200, "admin": 200}
CLINICIAN_WRITES = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": "redirect",
                    "admin": 403}


def open_alert(ctx: Ctx) -> dict:
    """An open crisis alert on patient A's screened intake (rolled back after each role's request)."""
    alert, _ = CrisisAlert.objects.get_or_create(
        intake=ctx.intake_a, status=CrisisAlert.Status.OPEN,
        defaults={"result": ctx.intake_a.screening_results.get(is_current=True)},
    )
    return {"pk": alert.pk}


ROWS = [
    Row("screening:home", expect=STAFF_ONLY),
    Row("screening:catalogue", expect=STAFF_ONLY),
    Row("screening:alert-detail", kwargs=open_alert, expect=STAFF_ONLY),
    Row("screening:alert-acknowledge", kwargs=open_alert,
        expect={**CLINICIAN_WRITES, "clinician": 405}),
    Row("screening:alert-acknowledge", method="post", kwargs=open_alert, expect=CLINICIAN_WRITES),
]
