"""Sign in and out, password reset (emails through the outbox) and password change."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy

from accounts.access import public, signed_in_required
from accounts.forms import ChangePasswordForm, EmailLoginForm, OutboxPasswordResetForm, SetNewPasswordForm
from accounts.lockout import forget_failures


class SignOutView(auth_views.LogoutView):
    """POST only (Django refuses GET), so a link or an image cannot sign anyone out."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


class SignInView(auth_views.LoginView):
    """Email and password; a success clears the failures counted against that email."""

    template_name = "accounts/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: EmailLoginForm) -> HttpResponse:
        forget_failures(email=form.get_user().email)
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self) -> dict:
        return {"site_url": settings.SITE_URL.rstrip("/")}


login = public(SignInView.as_view())
logout = public(SignOutView.as_view())
password_reset = public(PasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=SetNewPasswordForm,
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
password_change = signed_in_required(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change_form.html",
        form_class=ChangePasswordForm,
        success_url=reverse_lazy("accounts:password-change-done"),
    )
)
password_change_done = signed_in_required(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
