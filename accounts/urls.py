from django.urls import path

from accounts import views
from accounts.views import registration, session, signin, staff, two_factor

app_name = "accounts"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("login/", signin.login, name="login"),
    path("logout/", signin.logout, name="logout"),
    path("session/stay/", session.stay_signed_in, name="stay-signed-in"),
    path("register/", registration.register, name="register"),
    path("check-email/", registration.check_email, name="check-email"),
    path("verify/<str:token>/", registration.verify_email, name="verify-email"),
    path("verify-resend/", registration.resend_verification, name="resend-verification"),
    path("password/reset/", signin.password_reset, name="password-reset"),
    path("password/reset/sent/", signin.password_reset_done, name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/", signin.password_reset_confirm, name="password-reset-confirm"
    ),
    path("password/reset/complete/", signin.password_reset_complete, name="password-reset-complete"),
    path("password/change/", signin.password_change, name="password-change"),
    path("password/change/done/", signin.password_change_done, name="password-change-done"),
    path("two-factor/", two_factor.overview, name="two-factor"),
    path("two-factor/set-up/", two_factor.setup, name="two-factor-setup"),
    path("two-factor/code/", two_factor.verify, name="two-factor-verify"),
    path("two-factor/recovery-codes/", two_factor.recovery_codes, name="two-factor-recovery-codes"),
    path("two-factor/turn-off/", two_factor.turn_off, name="two-factor-turn-off"),
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/new/", staff.staff_create, name="staff-create"),
    path("staff/<int:pk>/deactivate/", staff.staff_deactivate, name="staff-deactivate"),
    path("staff/<int:pk>/two-factor-reset/", staff.staff_two_factor_reset, name="staff-two-factor-reset"),
]
