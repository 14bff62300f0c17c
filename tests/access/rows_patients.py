"""Access rows for the patient intake pages: a patient reaches only their own intakes; staff are refused."""

from tests.access.table import Row
from tests.patients.answers import step_data

PATIENTS_ONLY = {"anonymous": "login", "patient_a": 200, "patient_b": 200, "clinician": 403, "admin": 403}
PATIENTS_WRITE = {**PATIENTS_ONLY, "patient_a": "redirect", "patient_b": "redirect"}
OWNER_ONLY = {**PATIENTS_ONLY, "patient_b": 404}
OWNER_WRITES = {**OWNER_ONLY, "patient_a": "redirect"}
POST_ONLY = {**PATIENTS_ONLY, "patient_a": 405, "patient_b": 405}


def draft(ctx: object) -> dict:
    return {"pk": ctx.draft_a.pk}


def submitted(ctx: object) -> dict:
    return {"pk": ctx.intake_a.pk}


def draft_step(slug: str) -> object:
    return lambda ctx: {"pk": ctx.draft_a.pk, "slug": slug}


def sent_step(ctx: object) -> dict:
    return {"pk": ctx.intake_a.pk, "slug": "about-you"}


ROWS = [
    Row("patients:dashboard", expect=PATIENTS_ONLY),
    Row("patients:start", expect=POST_ONLY),
    # Patient A resumes the draft they have; patient B gets a new one.
    Row("patients:start", method="post", expect=PATIENTS_WRITE),
    Row("patients:step", kwargs=draft_step("about-you"), expect=OWNER_ONLY),
    Row("patients:step", method="post", kwargs=draft_step("about-you"), data=step_data("about-you"),
        expect=OWNER_WRITES),
    # A sent intake's steps send its owner to the read-only copy.
    Row("patients:step", kwargs=sent_step, expect=OWNER_WRITES),
    Row("patients:step", method="post", kwargs=sent_step, data=step_data("about-you"), expect=OWNER_WRITES),
    Row("patients:review", kwargs=draft, expect=OWNER_ONLY),
    # By GET (signing in again after a send that met the end of the session): back to the review page.
    Row("patients:submit", kwargs=draft, expect={**OWNER_ONLY, "patient_a": "redirect"}),
    # The draft is not finished: its owner is sent back to the review page, nothing is submitted.
    Row("patients:submit", method="post", kwargs=draft, data=step_data("review"), expect=OWNER_WRITES),
    # Sending a sent intake again lands on its confirmation and changes nothing.
    Row("patients:submit", method="post", kwargs=submitted, data=step_data("review"), expect=OWNER_WRITES),
    Row("patients:confirmation", kwargs=submitted, expect=OWNER_ONLY),
    Row("patients:intake-detail", kwargs=submitted, expect=OWNER_ONLY),
    Row("patients:intake-detail", kwargs=draft, expect=OWNER_WRITES),
    Row("patients:medication-suggest", data={"q": "xan"}, expect=PATIENTS_ONLY),
]
