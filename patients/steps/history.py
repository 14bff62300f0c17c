"""Steps about mental health history and alcohol and drug use."""

from django import forms

from patients.steps.base import IntakeStepForm
from patients.steps.fields import NoneOfTheseField, checkboxes, radio


def yes_no(label: str, field: str, message: str, hint: str = "") -> forms.ChoiceField:
    return radio(label, field, hint=hint, message=message)


class MentalHealthForm(IntakeStepForm):
    lead = "Some mental health conditions change how safe ketamine treatment is. Answer as best you can."

    psychotic_symptoms_past_30d = yes_no(
        "In the last 30 days, have you heard or seen things that other people don't, or had beliefs that "
        "other people say are not real?", "psychotic_symptoms_past_30d",
        "Select whether, in the last 30 days, you have heard or seen things that other people don't, or had "
        "beliefs that other people say are not real",
        hint="For example hearing voices, or feeling sure that someone is controlling your thoughts.",
    )
    psychotic_disorder_dx_lifetime = checkboxes(
        "Has a doctor ever told you that you have any of these?", "psychotic_disorder_dx_lifetime",
        topic="the conditions a doctor has told you that you have",
        hint="These are psychotic disorders: conditions where a person loses touch with what is real. "
             "Select all that apply.",
        none_label="No, none of these",
    )
    psychotic_episode_ever = yes_no(
        "Have you ever had a psychotic episode?", "psychotic_episode_ever",
        "Select whether you have ever had a psychotic episode",
        hint="A time when you lost touch with what was real, for example hearing voices or having strong "
             "beliefs that were not true.",
    )
    family_hx_psychosis_first_degree = yes_no(
        "Has a parent, brother, sister or child of yours had psychosis or schizophrenia?",
        "family_hx_psychosis_first_degree",
        "Select whether a parent, brother, sister or child of yours has had psychosis or schizophrenia",
    )
    bipolar_dx = yes_no(
        "Has a doctor ever told you that you have bipolar disorder?", "bipolar_dx",
        "Select whether a doctor has ever told you that you have bipolar disorder",
        hint="Bipolar disorder used to be called manic depression.",
    )
    mania_hypomania_current = yes_no(
        "Are you having a manic or hypomanic episode right now?", "mania_hypomania_current",
        "Select whether you are having a manic or hypomanic episode right now",
        hint="Mania is a time of feeling very high, full of energy or irritable, needing much less sleep, "
             "and doing risky things. Hypomania is a milder form.",
    )
    mania_hypomania_ever = yes_no(
        "Have you ever had a manic or hypomanic episode?", "mania_hypomania_ever",
        "Select whether you have ever had a manic or hypomanic episode",
    )
    ptsd_dx = yes_no(
        "Has a doctor ever told you that you have PTSD?", "ptsd_dx",
        "Select whether a doctor has ever told you that you have PTSD",
        hint="Post-traumatic stress disorder: a condition that can follow a frightening or upsetting event.",
    )


def substances(label: str, field: str, period: str) -> NoneOfTheseField:
    return checkboxes(label, field, hint="Select all that apply. Include drugs you took only once.",
                      topic=f"the drugs you have used in the last {period}", none_label="No, none of these")


class AlcoholDrugsForm(IntakeStepForm):
    lead = ("Your answers help your clinician treat you safely. They are private and will not be shared "
            "with anyone outside your care team.")

    sud_status = radio(
        "Have you ever had a problem with alcohol or drugs?", "sud_status",
        hint="For example, a doctor said you had a substance use disorder or addiction, or you had "
             "treatment for it.",
        message="Select whether you have had a problem with alcohol or drugs",
    )
    substances_past_12mo = substances(
        "In the last 12 months, have you used any of these?", "substances_past_12mo", "12 months"
    )
    substances_past_30d = substances(
        "In the last 30 days, have you used any of these?", "substances_past_30d", "30 days"
    )
    ketamine_or_pcp_nonmedical_ever = yes_no(
        "Have you ever used ketamine or PCP outside of a medical treatment?",
        "ketamine_or_pcp_nonmedical_ever",
        "Select whether you have ever used ketamine or PCP outside of a medical treatment",
    )
    alcohol_can_abstain_24h = yes_no(
        "Could you go without alcohol for 24 hours before and after each treatment?",
        "alcohol_can_abstain_24h",
        "Select whether you could go without alcohol for 24 hours before and after each treatment",
        hint="Answer yes if you don't drink alcohol.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        past_year, past_month = cleaned.get("substances_past_12mo"), cleaned.get("substances_past_30d")
        if past_year is not None and past_month is not None:
            # Use in the last 30 days is use in the last 12 months, whichever box the patient ticked.
            cleaned["substances_past_12mo"] = [*past_year, *(s for s in past_month if s not in past_year)]
        return cleaned

