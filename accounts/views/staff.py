"""Admins list, invite and deactivate staff accounts (clinicians and admins) and reset their second factor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services, two_factor
from accounts.access import admin_required
from accounts.forms import StaffCreateForm
from accounts.models import User
from accounts.roles import STAFF_ROLES

STAFF_PER_PAGE = 25


@admin_required
@require_http_methods(["GET"])
def staff_list(request: HttpRequest) -> HttpResponse:
    show_active = request.GET.get("status") != "deactivated"
    staff = (
        User.objects.filter(role__in=STAFF_ROLES, is_active=show_active)
        .select_related("created_by")
        .annotate(has_app=Exists(two_factor.confirmed_apps().filter(user=OuterRef("pk"))))
        .order_by("last_name", "first_name", "email")
    )
    page = Paginator(staff, STAFF_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_list_admin.html", {"page": page, "show_active": show_active})


@admin_required
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_staff_account(**form.cleaned_data, created_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Account created for {user.get_full_name()} ({user.email}). "
                "We have emailed them a link to set their password.",
            )
            return redirect("accounts:staff-list")
    return render(request, "accounts/staff_form_admin.html", {"form": form})


@admin_required
@require_http_methods(["GET", "POST"])
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk, role__in=STAFF_ROLES, is_active=True)
    if request.method == "POST":
        try:
            services.deactivate_staff_account(user=member, deactivated_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{member.get_full_name()} can no longer sign in.")
        return redirect("accounts:staff-list")
    return render(request, "accounts/staff_deactivate_admin.html", {"member": member})


@admin_required
@require_http_methods(["GET", "POST"])
def staff_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then clear another staff member's authenticator app and recovery codes."""
    member = get_object_or_404(User, pk=pk, role__in=STAFF_ROLES, is_active=True)
    if request.method == "POST":
        try:
            two_factor.reset_second_factor(user=member, reset_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Two-factor sign-in reset for {member.get_full_name()}. We have emailed them: they will set "
                "up an authenticator app the next time they sign in.",
            )
        return redirect("accounts:staff-list")
    context = {
        "member": member,
        "has_app": two_factor.has_second_factor(member),
        "resets": member.second_factor_resets.select_related("reset_by")[:10],
    }
    return render(request, "accounts/staff_two_factor_reset_admin.html", context)
