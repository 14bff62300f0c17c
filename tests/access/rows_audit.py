"""Access rows for the audit app: admins search the access log; each patient sees who opened their record."""

from tests.access.table import Row

ADMIN_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 403, "admin": 200}
PATIENTS_ONLY = {"anonymous": "login", "patient_a": 200, "patient_b": 200, "clinician": 403, "admin": 403}

ROWS = [
    Row("audit:access-log", expect=ADMIN_ONLY),
    Row("audit:access-log", data=lambda ctx: {"patient": ctx.patient_a.email}, expect=ADMIN_ONLY),
    Row("audit:access-log", method="post", expect={**ADMIN_ONLY, "admin": 405}),
    Row("audit:my-record-access", expect=PATIENTS_ONLY),
    Row("audit:my-record-access", method="post",
        expect={**PATIENTS_ONLY, "patient_a": 405, "patient_b": 405}),
]
