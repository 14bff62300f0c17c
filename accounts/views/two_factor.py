"""Two-factor sign-in pages: set up an authenticator app, enter a code, recovery codes, turning it off."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import two_factor
from accounts.access import VERIFY_STEP, patient_required, second_factor_step_view, signed_in_required
from accounts.forms import AppCodeForm, SignInCodeForm

NEW_CODES_KEY = "two_factor_new_codes"
FEW_CODES_LEFT = 3


def next_url(request: HttpRequest) -> str:
    """Where to go once the second factor is passed: the page asked for, if it is on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    hosts = {request.get_host()}
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts=hosts, require_https=request.is_secure()):
        return wanted
    return reverse("accounts:home")


def code_error(error: Exception) -> str:
    if isinstance(error, two_factor.TooManyAttempts):
        seconds = error.seconds_left(timezone.now())
        return f"Too many wrong codes in a row. Wait {seconds} second{pluralize(seconds)}, then try again."
    return "That code is not right, or it has been used already. Enter the code the app shows now."


def finish_sign_in(request: HttpRequest, device: Device) -> None:
    """Mark this session as past the second factor, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


@second_factor_step_view
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Show the QR code and secret of a new app; a right code from it switches two-factor sign-in on."""
    user = request.user
    if two_factor.has_second_factor(user) and not two_factor.is_verified(user):
        # Only a session that passed the current app may replace it.
        return redirect_to_login(next_url(request), login_url=reverse(VERIFY_STEP))
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.confirm_app(user=user, code=form.cleaned_data["code"])
        except (two_factor.WrongCode, two_factor.TooManyAttempts) as error:
            form.add_error("code", code_error(error))
        else:
            finish_sign_in(request, device)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, "Two-factor sign-in is on.")
            query = urlencode({"next": next_url(request)})
            return redirect(f"{reverse('accounts:two-factor-recovery-codes')}?{query}")
    device = two_factor.pending_app(user=user)
    context = {"form": form, "qr": two_factor.qr_svg(device), "secret": two_factor.secret_text(device),
               "next": next_url(request), "replacing": two_factor.has_second_factor(user)}
    return render(request, "accounts/two_factor_setup.html", context)


@second_factor_step_view
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: a code from the app or a recovery code, throttled after wrong ones."""
    user = request.user
    if two_factor.is_verified(user) or not two_factor.has_second_factor(user):
        return redirect(next_url(request))
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify_sign_in(user=user, code=form.cleaned_data["code"])
        except (two_factor.WrongCode, two_factor.TooManyAttempts) as error:
            form.add_error("code", code_error(error))
        else:
            finish_sign_in(request, device)
            if isinstance(device, StaticDevice):
                warn_about_recovery_codes(request)
            return redirect(next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url(request)})


def warn_about_recovery_codes(request: HttpRequest) -> None:
    left = two_factor.recovery_codes_left(request.user)
    words = f"You used a recovery code; it will not work again. You have {left} left."
    if left <= FEW_CODES_LEFT:
        words += " Create a new set from the Two-factor sign-in page."
    messages.warning(request, words)


@signed_in_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show a new set of recovery codes once; a POST replaces the set (the old codes stop working)."""
    if not two_factor.has_second_factor(request.user):
        return redirect("accounts:two-factor")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = two_factor.replace_recovery_codes(user=request.user)
        return redirect("accounts:two-factor-recovery-codes")
    context = {"codes": request.session.pop(NEW_CODES_KEY, None), "next": next_url(request),
               "left": two_factor.recovery_codes_left(request.user)}
    return render(request, "accounts/two_factor_recovery_codes.html", context)


@signed_in_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    """Whether two-factor sign-in is on, with the ways to turn it on, move it, or renew codes."""
    user = request.user
    context = {"app": two_factor.confirmed_app(user), "left": two_factor.recovery_codes_left(user)}
    return render(request, "accounts/two_factor_overview.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def turn_off(request: HttpRequest) -> HttpResponse:
    """A patient turns two-factor sign-in off, after a confirmation page."""
    if not two_factor.has_second_factor(request.user):
        return redirect("accounts:two-factor")
    if request.method == "POST":
        two_factor.turn_off(user=request.user)
        messages.success(request, "Two-factor sign-in is off. You now sign in with your password only.")
        return redirect("accounts:two-factor")
    return render(request, "accounts/two_factor_turn_off_patient.html")
