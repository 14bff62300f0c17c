"""The Django admin for the admin role only: anonymous users go to the clinic's sign-in, others get 403.

Every model registered here, a third-party app's too, gets the lookup lockdown of accounts.admin_base.
"""

from collections.abc import Callable
from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.admin_base import locked_down


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic administration"
    index_title = "Clinic settings and accounts"

    def register(self, model_or_iterable: object, admin_class: type | None = None, **options: object) -> None:
        super().register(model_or_iterable, locked_down(admin_class or admin.ModelAdmin), **options)

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and getattr(user, "is_clinic_admin", False)

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # One sign-in page for everyone: the clinic's, with its lockout and session rules.
        if not request.user.is_authenticated:
            return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect("admin:index")
