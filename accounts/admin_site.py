"""The Django admin for the admin role only: anonymous users go to the clinic's sign-in, others get 403.

Every model registered here, a third-party app's too, gets the lookup lockdown of accounts.admin_base.
An admin who has not passed the second factor in this session is sent to do so first. Device models
(authenticator secrets, recovery codes) are never registered here: staff never see another's secret.
"""

from collections.abc import Callable, Iterable
from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models.base import ModelBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.access import second_factor_step
from accounts.admin_base import locked_down

KEPT_OUT_APPS = frozenset({"otp_totp", "otp_static", "otp_hotp", "otp_email"})


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic administration"
    index_title = "Clinic settings and accounts"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        is_admin = user.is_active and user.is_staff and getattr(user, "is_clinic_admin", False)
        return is_admin and second_factor_step(user) is None

    def register(
        self, model_or_iterable: ModelBase | Iterable[ModelBase], admin_class: type | None = None,
        **options: object,
    ) -> None:
        # django-otp's plugins register their device admins on the default site, which is this one.
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        kept = [model for model in models if model._meta.app_label not in KEPT_OUT_APPS]
        if kept:
            super().register(kept, locked_down(admin_class or admin.ModelAdmin), **options)

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                return self.second_factor_or_denied(request)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def second_factor_or_denied(self, request: HttpRequest) -> HttpResponse:
        """Send an admin who has not passed the second factor to it; refuse everyone else."""
        if not getattr(request.user, "is_clinic_admin", False) or not request.user.is_active:
            raise PermissionDenied
        step = second_factor_step(request.user)
        if step is None:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path(), login_url=reverse(step))

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # One sign-in page for everyone: the clinic's, with its lockout and session rules.
        if not request.user.is_authenticated:
            return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))
        if not self.has_permission(request):
            return self.second_factor_or_denied(request)
        return redirect("admin:index")
