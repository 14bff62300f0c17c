"""The History page of admin-managed data in the Django admin: who changed what and when, read-only."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Adds django-simple-history's History page; a past version can be looked at, never restored.

    Restoring would skip the edit form's checks (and re-save every field of an old version), so the past
    version page answers GET only, and only for an object this admin's own list would show.
    """

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        if request.method != "GET":
            raise PermissionDenied("Past versions are read-only.")
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
