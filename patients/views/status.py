"""What each intake status means to a patient, what happens next and by when, in plain words.

Nothing here may reveal the screening outcome, except that an urgent intake is called the same day.
"""


from django.utils import timezone

from clinic.workdays import add_working_days
from patients.models import Intake
from screening.models import ClinicSettings, Outcome

STATUS_TEXT: dict[str, tuple[str, str]] = {
    Intake.Status.DRAFT: (
        "Not finished",
        "Your answers are saved. Continue when you are ready, then check and send them.",
    ),
    Intake.Status.SUBMITTED: (
        "Sent to the clinic",
        "A clinician will read your answers within {days}, by {by}. The clinic will then contact you to talk "
        "about the next steps. You do not need to do anything now.",
    ),
    Intake.Status.IN_REVIEW: (
        "Being reviewed",
        "A clinician is reading your answers. The clinic will contact you by {by}.",
    ),
    Intake.Status.MORE_INFO_REQUESTED: (
        "More information needed",
        "The clinic has asked you to change or add to some of your answers. Change them, then send them "
        "again.",
    ),
    Intake.Status.CLEARED: (
        "Ready to book a consultation",
        "The clinic will contact you to book a consultation with a clinician.",
    ),
    Intake.Status.DECLINED: (
        "Not suitable for treatment here",
        "The clinic will contact you to explain why and to talk about other options.",
    ),
    Intake.Status.CONSULTATION_BOOKED: (
        "Consultation booked",
        "The clinic has booked your consultation. Check your email or call the clinic for the details.",
    ),
}
CALL_TODAY = (
    "The clinic will call you today. Some of your answers mean a clinician needs to talk with you soon."
)
CALL_SOON = "The clinic is trying to reach you by phone as soon as possible."
WAITING = (Intake.Status.SUBMITTED, Intake.Status.IN_REVIEW)


def status_words(intake: Intake) -> str:
    """The patient-facing name of the intake's status."""
    return STATUS_TEXT[intake.status][0]


def is_urgent(intake: Intake) -> bool:
    """Whether the intake's current screening asks for a same-day call."""
    current = intake.screening_results.filter(is_current=True).first()
    return current is not None and current.outcome == Outcome.URGENT


def next_step_words(intake: Intake, clinic: ClinicSettings) -> str:
    """What happens next for this intake and by when, in plain words."""
    if intake.status in WAITING and is_urgent(intake):
        sent_today = timezone.localdate(intake.submitted_at) == timezone.localdate()
        return CALL_TODAY if sent_today else CALL_SOON
    text = STATUS_TEXT[intake.status][1]
    if intake.status not in WAITING:
        return text
    days = clinic.review_working_days
    by = add_working_days(timezone.localdate(intake.submitted_at), days)
    return text.format(days=f"{days} working day{'s' if days != 1 else ''}", by=f"{by:%A}, {by:%B} {by.day}")


def contact_words(clinic: ClinicSettings) -> str:
    """How to reach the clinic: its phone and the hours it is answered, once the clinic has set them."""
    if clinic.clinic_phone:
        return f"If you have a question, call the clinic on {clinic.clinic_phone} ({clinic.clinic_hours})."
    return "If you have a question, the clinic will answer it when they contact you."
