"""What the clinic has told the patient about an intake, for the dashboard: messages and reopened steps."""

from django.urls import reverse

from patients.models import Intake
from patients.steps import steps_for
from patients.views.flow import step_url


def clinic_updates(intake: Intake) -> dict:
    """The clinic's messages (newest first) and, while more is asked for, the steps to change with links."""
    asked = intake.awaiting_more_information
    reopened = [step for step in steps_for(intake.answers) if asked and step.slug in intake.reopened_steps]
    return {
        "messages": list(intake.messages.all()),
        "reopened": [
            {"step": step, "url": step_url(intake, step), "done": step.slug in intake.completed_steps}
            for step in reopened
        ],
        "send_url": reverse("patients:review", kwargs={"pk": intake.pk}) if asked else "",
    }
