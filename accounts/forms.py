"""Forms for signing in, registering, verifying, resetting passwords and managing staff accounts.

Every form refuses a field sent with more than one value (clinic.forms.SingleValueForm), and names
get the intake's rules: stored in Unicode NFC, with no control or invisible characters.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.template.loader import render_to_string

from accounts.models import User, normalize_email
from accounts.roles import Role
from accounts.services import USER_TRIGGERED_EMAILS_PER_HOUR
from clinic.forms import SingleValueForm, VisibleTextField
from outbox.services import enqueue_email


def person_name(label: str, autocomplete: str = "") -> VisibleTextField:
    """A first or last name as clinicians will read it on alert pages: visible characters only, in NFC."""
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return VisibleTextField(
        label=label, max_length=150, widget=forms.TextInput(attrs=attrs),
        error_messages={
            "required": f"Enter {label.lower()}",
            "max_length": f"{label} must be 150 characters or fewer",
            "invisible_character": f"Remove hidden or special characters, such as tabs, line breaks or "
                                   f"invisible spaces, from the {label.lower()}",
        },
    )


class EmailLoginForm(SingleValueForm, auth_forms.AuthenticationForm):
    """Email and password; the field keeps the name `username`, which django-axes reads."""

    username = forms.EmailField(
        # No autofocus: it would skip the "Skip to main content" link for keyboard users.
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password. The password is case-sensitive.",
    }


class RegisterForm(SingleValueForm):
    first_name = person_name("First name", "given-name")
    last_name = person_name("Last name", "family-name")
    email = forms.EmailField(
        label="Email address",
        help_text="We will send a link to this address to confirm it is yours.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password_confirm = forms.CharField(
        label="Confirm password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict:
        data = super().clean()
        password = data.get("password")
        if password and data.get("password_confirm") != password:
            self.add_error("password_confirm", "The two passwords do not match.")
        if password:
            person = User(
                email=data.get("email", ""), first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ResendVerificationForm(SingleValueForm):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class OutboxPasswordResetForm(SingleValueForm, auth_forms.PasswordResetForm):
    """Password reset whose email goes through the outbox like every other email."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        enqueue_email(
            to=to_email, subject=subject, template=email_template_name,
            context=context, kind="password-reset", hourly_limit=USER_TRIGGERED_EMAILS_PER_HOUR,
        )

    def get_users(self, email: str) -> list[User]:
        # Invited staff have no password yet; a reset link is how they get a fresh invitation.
        return list(User.objects.filter(email=normalize_email(email), is_active=True))


class SetNewPasswordForm(SingleValueForm, auth_forms.SetPasswordForm):
    """A new password from a reset link."""


class ChangePasswordForm(SingleValueForm, auth_forms.PasswordChangeForm):
    """A signed-in user's new password."""


class StaffCreateForm(SingleValueForm):
    first_name = person_name("First name")
    last_name = person_name("Last name")
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        choices=[(Role.CLINICIAN.value, "Clinician: reviews intakes"),
                 (Role.ADMIN.value, "Admin: manages staff accounts and clinic settings")],
        widget=forms.RadioSelect,
    )


def code_widget(*, numeric: bool) -> forms.TextInput:
    """A one-time-code box: no autocorrect or capitals, and the phone's number pad for app codes."""
    attrs = {
        "autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none",
        "class": "code-input",
    }
    if numeric:
        attrs.update(inputmode="numeric", pattern="[0-9 ]*")
    return forms.TextInput(attrs=attrs)


class AppCodeForm(forms.Form):
    """The 6-digit code that proves the authenticator app was set up with this account's secret."""

    code = forms.CharField(
        label="Code from the app", max_length=16, widget=code_widget(numeric=True),
        help_text="The 6-digit code the app shows for this account, for example 123456.",
    )


class SignInCodeForm(forms.Form):
    """The second sign-in step: a code from the app, or one of the recovery codes."""

    code = forms.CharField(
        label="Security code", max_length=32, widget=code_widget(numeric=False),
        help_text="The 6-digit code from your authenticator app. "
        "If you cannot use the app, enter one of your recovery codes instead.",
    )
