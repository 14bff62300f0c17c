"""The blood pressure, heart and blood vessels step."""

from crispy_forms.layout import HTML, Fieldset
from django import forms

from patients.steps.base import Followup, IntakeStepForm
from patients.steps.fields import checkboxes, past_date, past_month_or_day, radio

ACS_QUESTIONS = ("hx_mi", "hx_unstable_angina", "hx_coronary_revascularization")
BP_READING = ("bp_systolic", "bp_diastolic", "bp_measured_on", "bp_source")
# Rendered with the page's context (patients.views.heart.bp_warning_context), like the crisis panel.
BP_WARNING = '{% include "patients/_bp_warning.html" %}'


def pressure(label: str, hint: str, low: int, high: int, missing: str) -> forms.IntegerField:
    out_of_range = f"{label} must be between {low} and {high}"
    return forms.IntegerField(
        label=label, help_text=hint, required=False, min_value=low, max_value=high,
        error_messages={"required": missing, "invalid": missing, "min_value": out_of_range,
                        "max_value": out_of_range},
    )


class HeartForm(IntakeStepForm):
    lead = ("Ketamine raises blood pressure for a short time, so we need to know about your heart and "
            "blood vessels.")
    followups = (
        Followup("bp_reading", BP_READING, ("has_bp_reading",),
                 prompt="Enter your blood pressure reading below"),
        Followup("stroke_date", ("stroke_tia_most_recent_date",), ("hx_ischemic_stroke_or_tia",),
                 required=False, prompt="Tell us when the most recent one was, or leave this blank if you "
                                        "don't know"),
        Followup("acs_date", ("acs_most_recent_date",), ACS_QUESTIONS, required=False,
                 prompt="Tell us when the most recent of these was, or leave this blank if you don't know"),
    )

    has_bp_reading = radio(
        "Do you have a recent blood pressure reading?",
        choices=(("yes", "Yes, I have a recent reading"), ("no", "No, I don't have a recent reading")),
        hint="A reading from the last 3 months is best. Many pharmacies have a machine you can use.",
        message="Select whether you have a recent blood pressure reading",
    )
    bp_systolic = pressure(
        "Top number (systolic)", "The first, larger number, for example the 120 in 120/80.", 60, 300,
        "Enter the top number of your blood pressure, for example 120",
    )
    bp_diastolic = pressure(
        "Bottom number (diastolic)", "The second, smaller number, for example the 80 in 120/80.", 30, 200,
        "Enter the bottom number of your blood pressure, for example 80",
    )
    bp_measured_on = past_date(
        "When was it taken?", required=False, message="Enter the date your blood pressure reading was taken",
        invalid="The date your blood pressure reading was taken must be a real date",
        future="The date your blood pressure reading was taken must be today or in the past",
    )
    bp_source = radio("Where was it taken?", "bp_source", required=False,
                      message="Select where your blood pressure reading was taken")
    hx_aneurysm = radio(
        "Have you ever been told you have an aneurysm?", "hx_aneurysm",
        message="Select whether you have ever been told you have an aneurysm",
        hint="A bulge in the wall of a blood vessel, for example in the brain or in the main artery of the "
             "chest or belly (the aorta).",
    )
    hx_avm = radio(
        "Have you ever been told you have an AVM (arteriovenous malformation)?", "hx_avm",
        message="Select whether you have ever been told you have an AVM (arteriovenous malformation)",
        hint="A tangle of blood vessels, usually in the brain or spine, that is often there from birth.",
    )
    hx_intracerebral_hemorrhage = radio(
        "Have you ever had bleeding in the brain?", "hx_intracerebral_hemorrhage",
        message="Select whether you have ever had bleeding in the brain",
        hint="Also called a brain bleed or hemorrhagic stroke.",
    )
    hx_ischemic_stroke_or_tia = radio(
        "Have you ever had a stroke or a mini-stroke?", "hx_ischemic_stroke_or_tia",
        message="Select whether you have ever had a stroke or a mini-stroke",
        hint="A stroke caused by a blocked blood vessel, or a mini-stroke (TIA): for example a drooping "
             "face, a weak arm or slurred speech that went away by itself.",
    )
    stroke_tia_most_recent_date = past_month_or_day(
        "When was the most recent one?",
        invalid="Enter when your most recent stroke or mini-stroke was as a month and year, for example "
                "2024-03, or as a full date",
        future="The date of your most recent stroke or mini-stroke must be in the past",
    )
    hx_mi = radio(
        "Have you ever had a heart attack?", "hx_mi",
        message="Select whether you have ever had a heart attack",
        hint="Also called a myocardial infarction (MI).",
    )
    hx_unstable_angina = radio(
        "Have you ever had unstable angina?", "hx_unstable_angina",
        message="Select whether you have ever had unstable angina",
        hint="Chest pain that came on suddenly or while resting, and needed urgent care.",
    )
    hx_coronary_revascularization = radio(
        "Have you ever had a procedure to open or bypass the arteries of your heart?",
        "hx_coronary_revascularization",
        message="Select whether you have ever had a procedure to open or bypass the arteries of your heart",
        hint="For example a stent, an angioplasty or bypass surgery.",
    )
    acs_most_recent_date = past_month_or_day(
        "When was the most recent heart attack, unstable angina or heart procedure?",
        invalid="Enter when your most recent heart attack, unstable angina or heart procedure was as a month "
                "and year, for example 2024-03, or as a full date",
        future="The date of your most recent heart attack, unstable angina or heart procedure must be in the "
               "past",
    )
    other_cv_conditions = checkboxes(
        "Do you have any of these heart or blood vessel conditions?", "other_cv_conditions",
        topic="the heart or blood vessel conditions you have", none_label="No, none of these",
    )
    hypertension_status = radio(
        "Have you been told you have high blood pressure?", "hypertension_status",
        message="Select whether you have been told you have high blood pressure",
        hint="Also called hypertension.",
    )
    hx_hypertensive_encephalopathy = radio(
        "Have you ever had blood pressure so high that it affected your brain?",
        "hx_hypertensive_encephalopathy",
        message="Select whether you have ever had blood pressure so high that it affected your brain",
        hint="Called hypertensive encephalopathy: for example a severe headache, confusion or trouble seeing "
             "that needed emergency care.",
    )
    hyperthyroidism_status = radio(
        "Do you have an overactive thyroid?", "hyperthyroidism_status",
        message="Select whether you have an overactive thyroid",
        hint="Also called hyperthyroidism, for example Graves' disease.",
    )

    def followup_fieldset(self, followup: Followup) -> Fieldset:
        """The reading's fieldset, with the blood-pressure warning right after the two numbers."""
        fieldset = super().followup_fieldset(followup)
        if followup.name == "bp_reading":
            fieldset.fields.insert(fieldset.fields.index("bp_diastolic") + 1, HTML(BP_WARNING))
        return fieldset

    def clean(self) -> dict:
        cleaned = super().clean()
        systolic, diastolic = cleaned.get("bp_systolic"), cleaned.get("bp_diastolic")
        has_both = cleaned.get("has_bp_reading") == "yes" and None not in (systolic, diastolic)
        if has_both and systolic <= diastolic:
            self.add_error("bp_systolic",
                           "The top number of your blood pressure must be higher than the bottom number")
        return cleaned
