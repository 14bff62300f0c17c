"""The access log: admins search who opened which patient's record; patients see who opened theirs."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import admin_required, patient_required
from audit import services
from audit.forms import AccessLogFilterForm

RECORDS_PER_PAGE = 50


@admin_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    """Search the log by staff member, patient and date; it shows who and when, never what was read."""
    form = AccessLogFilterForm(request.GET)
    page, filtered = None, False
    if form.is_valid():
        filters = form.search_filters()
        filtered = any(value not in (None, "") for value in filters.values())
        records = services.search_access_records(**filters)
        page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/access_log_admin.html", {"form": form, "page": page, "filtered": filtered})


@patient_required
@require_GET
def my_record_access(request: HttpRequest) -> HttpResponse:
    """Every time someone at the clinic opened the signed-in patient's record, newest first."""
    records = services.accesses_for_patient(patient=request.user)
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/record_access_patient.html", {"page": page})
