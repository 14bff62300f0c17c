"""Access rows for scheduling: staff read providers; only clinicians see why providers suit a case."""

from scheduling.models import Provider
from tests.access.table import Ctx, Row

STAFF_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 200, "admin": 200}
CLINICIAN_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 200, "admin": 403}


def a_provider(ctx: Ctx) -> dict:
    provider, _ = Provider.objects.get_or_create(
        npi="1234567893", defaults={"name": "Dr Access Check", "credential": "MD"}
    )
    return {"pk": provider.pk}


ROWS = [
    Row("scheduling:provider-list", expect=STAFF_ONLY),
    Row("scheduling:provider-detail", kwargs=a_provider, expect=STAFF_ONLY),
    Row("scheduling:case-providers", kwargs=lambda ctx: {"intake_id": ctx.intake_a.pk},
        expect=CLINICIAN_ONLY),
    # A draft is not a case yet: no clinician reads it.
    Row("scheduling:case-providers", kwargs=lambda ctx: {"intake_id": ctx.draft_a.pk},
        expect={**CLINICIAN_ONLY, "clinician": 404}),
]
