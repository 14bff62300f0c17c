"""Access rows for the clinician's case page and its actions: clinicians only; a draft is nobody's case.

Patients and anonymous visitors reach no review page or action, admins are refused every one (the case
page is health information). A patient never sees another patient's decision: patient B gets a 404 for
patient A's decided intake.
"""

from review import services
from review.models import Claim
from screening.models import CrisisAlert, ScreeningFlag
from tests.access.table import Ctx, Row, make_user

CLINICIANS_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 200, "admin": 403}
CLINICIAN_WRITES = {**CLINICIANS_ONLY, "clinician": "redirect"}
POST_ONLY = {**CLINICIANS_ONLY, "clinician": 405}


def case(ctx: Ctx) -> dict:
    return {"intake_id": ctx.intake_a.pk}


def draft(ctx: Ctx) -> dict:
    return {"intake_id": ctx.draft_a.pk}


def current_flag(ctx: Ctx, code: str, severity: str) -> ScreeningFlag:
    """A flag on patient A's current screening (made in the row's savepoint, rolled back after it)."""
    result = ctx.intake_a.screening_results.get(is_current=True)
    flag, _ = ScreeningFlag.objects.get_or_create(
        result=result, code=code, defaults={"severity": severity, "rationale": "For the access table."}
    )
    return flag


def precaution(ctx: Ctx) -> dict:
    return {**case(ctx), "flag_id": current_flag(ctx, "CARDIO_BP_ELEVATED", "PRECAUTION").pk}


def exclusion(ctx: Ctx) -> dict:
    return {**case(ctx), "flag_id": current_flag(ctx, "CARDIO_ANEURYSM_AVM", "EXCLUSION").pk}


def overridden(ctx: Ctx) -> dict:
    """An exclusion another clinician overrode, waiting for this clinician's co-signature."""
    flag = current_flag(ctx, "CARDIO_ANEURYSM_AVM", "EXCLUSION")
    if flag.is_open:
        other = make_user("clinician", email="other.clinician@example.test")
        services.override_flag(flag=flag, by=other, reason="other", note="Seen the scan")
    return {**case(ctx), "flag_id": flag.pk}


def alert(ctx: Ctx) -> dict:
    found, _ = CrisisAlert.objects.get_or_create(
        intake=ctx.intake_a, status=CrisisAlert.Status.OPEN,
        defaults={"result": ctx.intake_a.screening_results.get(is_current=True)},
    )
    return {**case(ctx), "alert_id": found.pk}


def decided(ctx: Ctx) -> dict:
    """Patient A's intake, declined with a message only patient A may read."""
    if ctx.intake_a.decisions.count() == 0:
        Claim.objects.filter(intake=ctx.intake_a).delete()  # an earlier row's clinician may hold it
        services.decline_case(intake=ctx.intake_a, by=ctx.clinician, patient_message="Words for Alice",
                              internal_reason="For the access table")
    return {"pk": ctx.intake_a.pk}


ACK = {"flag-{pk}-note": "Read it"}
CLEAR = {"clear-routes": ["iv_infusion"], "step": "confirm"}
DECLINE = {"decline-patient_message": "Not this time", "decline-internal_reason": "Reason", "step": "confirm"}
REQUEST = {"request_info-steps": ["about-you"], "request_info-message": "Please check", "step": "confirm"}


def flag_data(fields: dict, kwargs: object) -> object:
    def data(ctx: Ctx) -> dict:
        flag_id = kwargs(ctx)["flag_id"]
        return {key.format(pk=flag_id): value for key, value in fields.items()}
    return data


OVERRIDE = {"flag-{pk}-reason": "specialist_clearance", "flag-{pk}-note": "Cardiology letter on file"}
DISPOSITION = {"kind": "contacted", "note": "Spoke with the patient; safety plan made"}


def alert_data(ctx: Ctx) -> dict:
    alert_id = alert(ctx)["alert_id"]
    return {f"alert-{alert_id}-{key}": value for key, value in DISPOSITION.items()}


ROWS = [
    Row("review:case", kwargs=case, expect=CLINICIANS_ONLY),
    Row("review:case", kwargs=draft, expect={**CLINICIANS_ONLY, "clinician": 404}),
    Row("review:flag-acknowledge", kwargs=precaution, expect=POST_ONLY),
    Row("review:flag-acknowledge", method="post", kwargs=precaution, data=flag_data(ACK, precaution),
        expect=CLINICIAN_WRITES),
    Row("review:flag-override", kwargs=exclusion, expect=POST_ONLY),
    Row("review:flag-override", method="post", kwargs=exclusion, data=flag_data(OVERRIDE, exclusion),
        expect=CLINICIAN_WRITES),
    Row("review:flag-cosign", kwargs=overridden, expect=POST_ONLY),
    Row("review:flag-cosign", method="post", kwargs=overridden, expect=CLINICIAN_WRITES),
    Row("review:alert-disposition", kwargs=alert, expect=POST_ONLY),
    Row("review:alert-disposition", method="post", kwargs=alert, data=alert_data, expect=CLINICIAN_WRITES),
    Row("review:case-clear", kwargs=case, expect=POST_ONLY),
    # Without "confirm" the decision is shown back for confirmation; with it, it is made.
    Row("review:case-clear", method="post", kwargs=case, data={**CLEAR, "step": ""}, expect=CLINICIANS_ONLY),
    Row("review:case-clear", method="post", kwargs=case, data=CLEAR, expect=CLINICIAN_WRITES),
    Row("review:case-decline", kwargs=case, expect=POST_ONLY),
    Row("review:case-decline", method="post", kwargs=case, data=DECLINE, expect=CLINICIAN_WRITES),
    Row("review:case-request-info", kwargs=case, expect=POST_ONLY),
    Row("review:case-request-info", method="post", kwargs=case, data=REQUEST, expect=CLINICIAN_WRITES),
    # Bad input is never a 500: the case page comes back with the errors.
    Row("review:case-decline", method="post", kwargs=case, data={"step": "confirm"}, expect=CLINICIANS_ONLY),
    # A decided intake: its owner reads it, another patient gets nothing, staff use the review pages.
    Row("patients:intake-detail", kwargs=decided,
        expect={"anonymous": "login", "patient_a": 200, "patient_b": 404, "clinician": 403, "admin": 403}),
]
