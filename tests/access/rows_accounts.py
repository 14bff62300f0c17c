"""Access rows for the site root, the accounts app and the Django admin (one prefix row, see table.py)."""

from tests.access.table import Row

ANYONE_200 = dict.fromkeys(("anonymous", "patient_a", "patient_b", "clinician", "admin"), 200)
ANYONE_REDIRECTED = dict.fromkeys(ANYONE_200, "redirect")
SIGNED_IN_ONLY = {"anonymous": "login", "patient_a": 200, "patient_b": 200, "clinician": 200, "admin": 200}
ANONYMOUS_ONLY = {**ANYONE_REDIRECTED, "anonymous": 200}
ADMIN_ONLY = {"anonymous": "login", "patient_a": 403, "patient_b": 403, "clinician": 403, "admin": 200}
ADMIN_WRITES = {**ADMIN_ONLY, "admin": "redirect"}
SIGNED_IN_REDIRECTED = {**ANYONE_REDIRECTED, "anonymous": "login"}
# Two-factor pages. The table signs staff in past the second factor (with an app); patients have none.
STAFF_WITH_APP = {**SIGNED_IN_REDIRECTED, "clinician": 200, "admin": 200}
PATIENTS_WITH_APP_ONLY = {"anonymous": "login", "patient_a": "redirect", "patient_b": "redirect",
                          "clinician": 403, "admin": 403}
NOT_A_CODE = {"code": "not-a-code"}

NEW_STAFF = {
    "first_name": "Nia", "last_name": "Newhire", "email": "nia.newhire@example.test", "role": "clinician",
}
NEW_PATIENT = {
    "first_name": "Rae", "last_name": "Register", "email": "rae.register@example.test",
    "password": "a-long-unusual-passphrase-42", "password_confirm": "a-long-unusual-passphrase-42",
}

ROWS = [
    Row("root", expect=ANYONE_REDIRECTED),
    Row("healthz", expect=ANYONE_200),  # status only; the backlog needs HEALTHZ_TOKEN (clinic/health.py)
    Row("accounts:home", expect={**ANYONE_REDIRECTED, "anonymous": "login"}),
    Row("accounts:login", expect=ANONYMOUS_ONLY),
    Row("accounts:logout", expect=dict.fromkeys(ANYONE_200, 405)),
    Row("accounts:logout", method="post", expect=dict.fromkeys(ANYONE_200, "login")),
    Row("accounts:stay-signed-in", expect={**dict.fromkeys(ANYONE_200, 405), "anonymous": "login"}),
    Row("accounts:stay-signed-in", method="post", expect=SIGNED_IN_ONLY),
    Row("accounts:register", expect=ANONYMOUS_ONLY),
    Row("accounts:register", method="post", data=NEW_PATIENT, expect=ANYONE_REDIRECTED),
    Row("accounts:check-email", expect=ANONYMOUS_ONLY),
    Row("accounts:verify-email", kwargs={"token": "not-a-real-token"}, expect=dict.fromkeys(ANYONE_200, 400)),
    Row("accounts:verify-email", method="post", kwargs={"token": "not-a-real-token"},
        expect=dict.fromkeys(ANYONE_200, 400)),
    Row("accounts:resend-verification", expect=ANYONE_200),
    Row("accounts:resend-verification", method="post", data=lambda ctx: {"email": ctx.patient_a.email},
        expect=ANYONE_REDIRECTED),
    Row("accounts:password-reset", expect=ANYONE_200),
    Row("accounts:password-reset", method="post", data=lambda ctx: {"email": ctx.patient_a.email},
        expect=ANYONE_REDIRECTED),
    Row("accounts:password-reset-done", expect=ANYONE_200),
    Row("accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "not-a-real-token"},
        expect=ANYONE_200),
    Row("accounts:password-reset-complete", expect=ANYONE_200),
    Row("accounts:password-change", expect=SIGNED_IN_ONLY),
    Row("accounts:password-change", method="post", data={"old_password": "wrong"}, expect=SIGNED_IN_ONLY),
    Row("accounts:password-change-done", expect=SIGNED_IN_ONLY),
    Row("accounts:two-factor", expect=SIGNED_IN_ONLY),
    Row("accounts:two-factor-setup", expect=SIGNED_IN_ONLY),
    Row("accounts:two-factor-setup", method="post", data=NOT_A_CODE, expect=SIGNED_IN_ONLY),
    # Already past the second factor, or none to pass: on to the page asked for.
    Row("accounts:two-factor-verify", expect=SIGNED_IN_REDIRECTED),
    Row("accounts:two-factor-verify", method="post", data=NOT_A_CODE, expect=SIGNED_IN_REDIRECTED),
    Row("accounts:two-factor-recovery-codes", expect=STAFF_WITH_APP),
    Row("accounts:two-factor-recovery-codes", method="post", expect=SIGNED_IN_REDIRECTED),
    Row("accounts:two-factor-turn-off", expect=PATIENTS_WITH_APP_ONLY),
    Row("accounts:two-factor-turn-off", method="post", expect=PATIENTS_WITH_APP_ONLY),
    Row("accounts:staff-list", expect=ADMIN_ONLY),
    Row("accounts:staff-create", expect=ADMIN_ONLY),
    Row("accounts:staff-create", method="post", data=NEW_STAFF, expect=ADMIN_WRITES),
    Row("accounts:staff-deactivate", kwargs=lambda ctx: {"pk": ctx.clinician.pk}, expect=ADMIN_ONLY),
    Row("accounts:staff-deactivate", method="post", kwargs=lambda ctx: {"pk": ctx.clinician.pk},
        expect=ADMIN_WRITES),
    # Patients are not staff: the staff pages do not find them, even for an admin.
    Row("accounts:staff-deactivate", method="post", kwargs=lambda ctx: {"pk": ctx.patient_a.pk},
        expect={**ADMIN_ONLY, "admin": 404}),
    Row("accounts:staff-two-factor-reset", kwargs=lambda ctx: {"pk": ctx.clinician.pk}, expect=ADMIN_ONLY),
    Row("accounts:staff-two-factor-reset", method="post", kwargs=lambda ctx: {"pk": ctx.clinician.pk},
        expect=ADMIN_WRITES),
    Row("accounts:staff-two-factor-reset", method="post", kwargs=lambda ctx: {"pk": ctx.patient_a.pk},
        expect={**ADMIN_ONLY, "admin": 404}),
    # The Django admin: one AdminSite.has_permission guards every pattern of the namespace.
    Row("admin:index", covers="admin:", expect=ADMIN_ONLY),
    Row("admin:accounts_user_changelist", expect=ADMIN_ONLY),
]
