"""Patients register themselves and confirm their email address with a signed, time-limited link."""

from contextlib import suppress

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.access import public
from accounts.forms import RegisterForm, ResendVerificationForm

PENDING_EMAIL_KEY = "pending_verification_email"


@public
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same page either way, so the form does not reveal who has an account.
        with suppress(services.EmailAlreadyRegistered):
            services.register_patient(
                email=data["email"], password=data["password"],
                first_name=data["first_name"], last_name=data["last_name"],
            )
        request.session[PENDING_EMAIL_KEY] = data["email"]
        return redirect("accounts:check-email")
    return render(request, "accounts/register.html", {"form": form})


@public
@require_http_methods(["GET"])
def check_email(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and (not user.is_patient or user.email_verified_at):
        return redirect("accounts:home")
    email = user.email if user.is_authenticated else request.session.get(PENDING_EMAIL_KEY, "")
    form = ResendVerificationForm(initial={"email": email})
    return render(request, "accounts/check_email.html", {"email": email, "form": form})


@public
@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for a click, so mail scanners that open links do not confirm an address."""
    check = services.verify_email if request.method == "POST" else services.check_verification_token
    try:
        check(token=token)
    except signing.SignatureExpired:
        return link_failed(request, expired=True)
    except signing.BadSignature:
        return link_failed(request, expired=False)
    if request.method == "GET":
        return render(request, "accounts/verify_confirm.html")
    messages.success(request, "Thank you. Your email address is confirmed.")
    return redirect("accounts:home" if request.user.is_authenticated else "accounts:login")


def link_failed(request: HttpRequest, *, expired: bool) -> HttpResponse:
    email = request.user.email if request.user.is_authenticated else ""
    context = {"expired": expired, "form": ResendVerificationForm(initial={"email": email})}
    return render(request, "accounts/verify_failed.html", context, status=400)


@public
@require_http_methods(["GET", "POST"])
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_verification(email=form.cleaned_data["email"])
        request.session[PENDING_EMAIL_KEY] = form.cleaned_data["email"]
        messages.info(
            request,
            "If that address belongs to an account that still needs confirming, we have sent a new link.",
        )
        return redirect("accounts:check-email")
    return render(request, "accounts/resend_verification.html", {"form": form})
