"""Staff accounts, role groups and sign-in lock-outs in the Django admin, each behind the lookup lockdown."""

from axes.admin import IsLockedOutFilter
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.admin_base import ClinicModelAdmin, LookupLockdownMixin
from accounts.admin_history import HistoryAdmin
from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from accounts.services import assign_role


@admin.register(User)
class UserAdmin(LookupLockdownMixin, HistoryAdmin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active", "email_verified_at")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "role")}),
        ("Status", {"fields": ("is_active", "email_verified_at", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)
    # email_verified_at matters only to patients, whom this admin never shows; read-only, it also loses the
    # split date and time boxes that Django leaves without labels (axe: label).
    readonly_fields = ("email_verified_at", "last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # Staff accounts only: an admin who could set a patient's password could read their intake.
        return super().get_queryset(request).filter(role__in=STAFF_ROLES)

    def formfield_for_choice_field(self, db_field: object, request: HttpRequest, **kwargs: object) -> object:
        if db_field.name == "role":
            kwargs["choices"] = [(role.value, role.label) for role in Role if role in STAFF_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple[str, ...]:
        # A role set here would skip assign_role (groups, admin-site flag), and would let a patient's
        # self-registered account become a clinician's: roles are chosen once, when an account is made.
        return (*self.readonly_fields, "role") if obj is not None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: User, form: object, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            assign_role(user=obj, role=obj.role)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(LookupLockdownMixin, HistoryAdmin, BaseGroupAdmin):
    """Each role's permissions, with a History page of who changed them."""

    list_display = ("name",)


class SignInRecordAdmin(ClinicModelAdmin):
    """Read-only: who tried to sign in, from where and when; never what else the request carried."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(SignInRecordAdmin):
    """Failed sign-ins; deleting a row lifts its lock-out early. The form data axes keeps is not shown."""

    list_display = ("attempt_time", "username", "ip_address", "failures_since_start")
    list_filter = (IsLockedOutFilter,)
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = list_display


@admin.register(AccessLog)
class AccessLogAdmin(SignInRecordAdmin):
    """Staff sign-ins only: when a patient uses the service is none of the admin role's business."""

    list_display = ("attempt_time", "logout_time", "username", "ip_address")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = list_display

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessLog]:
        staff = User.objects.filter(role__in=STAFF_ROLES).values("email")
        return super().get_queryset(request).filter(username__in=staff)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
