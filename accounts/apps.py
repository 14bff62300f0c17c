from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"


class ClinicAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the clinic's admin site (admin role only); listed in INSTALLED_APPS."""

    default = False  # keeps AccountsConfig the configuration of the "accounts" app
    default_site = "accounts.admin_site.ClinicAdminSite"
