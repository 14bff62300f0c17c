"""Providers as staff read them: clinicians and admins see them here, admins change them in the admin."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import staff_required
from scheduling.models import Provider
from scheduling.selectors import provider_detail, provider_list

PAGE_SIZE = 50


def with_standing(provider: Provider, today: date) -> Provider:
    """The provider, each licence carrying its standing in words for the template."""
    for licence in provider.licences.all():
        licence.standing_words = licence.standing(today=today)
    return provider


@staff_required
def provider_list_view(request: HttpRequest) -> HttpResponse:
    show_active = request.GET.get("status") != "inactive"
    search = request.GET.get("q", "").strip()[:100]
    providers = provider_list(active=show_active, search=search)
    page = Paginator(providers, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "scheduling/provider_list_staff.html", {
        "page": page, "providers": [with_standing(p, today) for p in page.object_list],
        "show_active": show_active, "search": search,
    })


@staff_required
def provider_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    detail = provider_detail(pk, now=timezone.now())
    if detail is None:
        raise Http404("No such provider")
    return render(request, "scheduling/provider_detail_staff.html", {
        "detail": detail, "provider": with_standing(detail.provider, timezone.localdate()),
    })
