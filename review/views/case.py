"""The case page: everything about one sent intake, with the forms that act on it."""

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import clinician_required
from accounts.models import User
from audit.services import record_access
from patients.models import Intake
from review.selectors import case_detail
from review.views.case_page import case_context


def case_intake(user: User, intake_id: int) -> Intake:
    """The sent intake this clinician may review (a draft, or no such intake, is a 404)."""
    return get_object_or_404(Intake.objects.for_user(user), pk=intake_id)


def case_url(intake: Intake, anchor: str = "") -> str:
    """The case page's address, scrolled to `anchor` if given."""
    url = reverse("review:case", args=[intake.pk])
    return f"{url}#{anchor}" if anchor else url


@clinician_required
def case(request: HttpRequest, intake_id: int) -> HttpResponse:
    return render_case(request, case_intake(request.user, intake_id))


def render_case(
    request: HttpRequest, intake: Intake, *, bound: dict[str, Form] | None = None
) -> HttpResponse:
    """The case page, with `bound` forms (keyed as case_page names them) in place of empty ones.

    Every response that shows the case is logged, a form re-rendered with its errors too.
    """
    detail = case_detail(intake, now=timezone.now())
    record_access(request=request, patient=detail.intake.patient)
    return render(request, "review/case_clinician.html", case_context(detail, user=request.user, bound=bound))
