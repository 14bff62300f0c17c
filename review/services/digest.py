"""The clinicians' daily digest: how many cases wait and how many are overdue, with a link; nothing else."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from outbox.models import Message
from outbox.services import enqueue_email
from patients.models import Intake
from review.config import review_target_working_days
from review.selectors.waiting import clinic_date, overdue_q, start_of
from screening.models import Outcome

DIGEST_KIND = "review-digest"
DIGEST_SUBJECT = "Cases waiting for review today"


@dataclass(frozen=True)
class DigestCounts:
    """Counts only: an email is not a place for anything about a patient."""

    waiting: int
    urgent: int
    overdue: int
    with_patients: int


def digest_counts(*, now: datetime) -> DigestCounts:
    """Cases waiting for review (urgent and overdue among them), and cases waiting on the patient."""
    queue = Intake.objects.awaiting_review()
    return DigestCounts(
        waiting=queue.count(),
        urgent=queue.filter(current_outcome=Outcome.URGENT).count(),
        overdue=queue.filter(overdue_q(target_days=review_target_working_days(), now=now)).count(),
        with_patients=Intake.objects.filter(status=Intake.Status.MORE_INFO_REQUESTED).count(),
    )


def send_review_digest(*, now: datetime) -> int:
    """Email each active clinician the counts, once a day (not when nothing waits); returns how many."""
    counts = digest_counts(now=now)
    if not counts.waiting:
        return 0
    sent_today = Message.objects.filter(kind=DIGEST_KIND, created_at__gte=start_of(clinic_date(now)))
    done = set(sent_today.values_list("recipient", flat=True))
    clinicians = list(
        User.objects.filter(role=Role.CLINICIAN, is_active=True).exclude(email__in=done).order_by("email")
    )
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:home")
    for clinician in clinicians:
        enqueue_email(
            to=clinician.email, subject=DIGEST_SUBJECT, template="review/email/digest.txt",
            context={"first_name": clinician.first_name, "counts": counts, "link": link}, kind=DIGEST_KIND,
        )
    return len(clinicians)
