"""Access rows for the review queue: only clinicians read it and claim or release cases from it."""

from tests.access.table import Ctx, Row

CLINICIANS_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 200, "admin": 403}
CLINICIAN_WRITES = {**CLINICIANS_ONLY, "clinician": "redirect"}
NOT_GET = {**CLINICIANS_ONLY, "clinician": 405}


def sent_a(ctx: Ctx) -> dict:
    return {"intake_id": ctx.intake_a.pk}


def draft_a(ctx: Ctx) -> dict:
    return {"intake_id": ctx.draft_a.pk}


def find_a(ctx: Ctx) -> dict:
    return {"q": ctx.patient_a.email, "flag_code": "CARDIO_BP_ELEVATED"}


ROWS = [
    Row("review:queue", expect=CLINICIANS_ONLY),
    Row("review:queue", data=find_a, expect=CLINICIANS_ONLY),
    Row("review:queue", data={"submitted_from": "not a date", "claimed": "999999"}, expect=CLINICIANS_ONLY),
    Row("review:queue", method="post", expect=NOT_GET),
    Row("review:claim", kwargs=sent_a, method="post", expect=CLINICIAN_WRITES),
    Row("review:claim", kwargs=draft_a, method="post", expect={**CLINICIANS_ONLY, "clinician": 404}),
    Row("review:claim", kwargs=sent_a, expect=NOT_GET),
    Row("review:release", kwargs=sent_a, method="post", expect=CLINICIAN_WRITES),
    Row("review:release", kwargs=sent_a, expect=NOT_GET),
]

