"""Groups (each role's permissions) get a History page. Access records are not in the Django admin.

The access log is read on its own page (audit.views.access_log), which shows no health information
and accepts only its four filters; the Django admin would offer lookups on every column.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group

from accounts.admin_history import HistoryAdmin

admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(HistoryAdmin, BaseGroupAdmin):
    pass
