"""What each intake status means to a patient, and what happens next, in plain words."""

from patients.models import Intake

STATUS_TEXT: dict[str, tuple[str, str]] = {
    Intake.Status.DRAFT: (
        "Not finished",
        "Your answers are saved. Continue when you are ready, then check and send them.",
    ),
    Intake.Status.SUBMITTED: (
        "Sent to the clinic",
        "The clinic's care team will read your answers and contact you. You do not need to do anything now.",
    ),
    Intake.Status.IN_REVIEW: (
        "Being reviewed",
        "A clinician is reading your answers. The clinic will contact you when they have finished.",
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


def status_words(intake: Intake) -> str:
    """The patient-facing name of the intake's status."""
    return STATUS_TEXT[intake.status][0]


def next_step_words(intake: Intake) -> str:
    """What happens next for this intake, in plain words."""
    return STATUS_TEXT[intake.status][1]
