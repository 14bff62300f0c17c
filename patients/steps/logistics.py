"""Getting to treatment, and the review step's consent and typed signature."""

from django import forms

from patients.steps.base import IntakeStepForm
from patients.steps.choices import YES_NO_UNSURE
from patients.steps.fields import name_text, radio

TREATMENT_ROUTES = (
    ("iv_infusion", "A drip into a vein (IV infusion) at a clinic"),
    ("intramuscular", "An injection into a muscle at a clinic"),
    ("esketamine_nasal_spray", "Esketamine nasal spray (Spravato) at a clinic"),
    ("oral_or_lozenge", "A tablet or lozenge that dissolves in the mouth"),
    ("at_home", "Treatment at home, with a video call"),
    ("unsure", "I'm not sure yet"),
)


class LogisticsForm(IntakeStepForm):
    lead = "This helps us plan your treatment. Your clinician will talk you through the options."

    treatment_routes = forms.MultipleChoiceField(
        label="Which kinds of treatment would you like to know more about?",
        help_text="Select all that apply.", choices=TREATMENT_ROUTES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the kinds of treatment you are interested in, or "
                                    "\u201cI'm not sure yet\u201d",
                        "invalid_choice": "Select the kinds of treatment you are interested in, or "
                                          "\u201cI'm not sure yet\u201d"},
    )
    has_escort_transport = radio(
        "Will someone be able to take you home after each treatment?", "has_escort_transport",
        message="Select whether someone will be able to take you home after each treatment",
        hint="After a treatment you must not drive until the next day, after a night's sleep.",
    )
    preferred_setting = radio(
        "How would you like to have your first appointment?",
        choices=(("in_person", "In person at a clinic"), ("telehealth", "By video call"),
                 ("either", "Either is fine")),
        message="Select how you would like to have your first appointment",
    )
    preferred_location = forms.CharField(
        label="Which town or city would suit you for clinic visits?", required=False, max_length=100,
        help_text="Leave blank if you don't mind.",
        error_messages={"max_length": "The town or city must be 100 characters or fewer"},
    )

    # Not a screening fact (it is not in the intake document): a clinician clears treatment at home only
    # when the patient has both a ride home and a support person.
    has_support_person = radio(
        "If you had treatment at home, would an adult be able to stay with you during and after each "
        "treatment? (optional)", choices=YES_NO_UNSURE, required=False,
        message="Select whether an adult could stay with you during and after a treatment at home",
        hint="Treatment at home is possible only with someone there to support you. Answer if you are "
        "interested in treatment at home.",
    )


class ConsentForm(IntakeStepForm):
    """The review step: statements the patient agrees to and a typed signature (the view records the time)."""

    consent_true_and_complete = forms.BooleanField(
        label="The answers I have given are true and complete, as far as I know.",
        error_messages={"required": "Confirm that your answers are true and complete"},
    )
    consent_clinician_review = forms.BooleanField(
        label="I understand that a clinician will review my answers before any treatment is offered, and "
              "that this form does not give medical advice.",
        error_messages={"required": "Confirm that you understand a clinician will review your answers"},
    )
    consent_not_monitored = forms.BooleanField(
        label="I understand this form is not watched live. If I am in crisis I will call or text 988, or "
              "call 911 in an emergency.",
        error_messages={"required": "Confirm that you understand this form is not watched live"},
    )
    consent_store_answers = forms.BooleanField(
        label="I agree that the clinic can store my answers and use them to decide whether ketamine "
              "treatment may be right for me.",
        error_messages={"required": "Confirm that the clinic can store and use your answers"},
    )
    consent_signature = name_text(
        "Type your full name to sign", hint="This counts as your signature.", max_length=200,
        message="Type your full name to sign",
    )
