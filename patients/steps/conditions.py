"""Other health conditions (brain, eyes, breathing, liver, bladder, allergies), breastfeeding, pregnancy."""

from patients.steps.base import Followup, IntakeStepForm
from patients.steps.fields import checkboxes, free_text, radio


class OtherConditionsForm(IntakeStepForm):
    lead = "Tell us about other conditions that can change how ketamine affects you."
    followups = (
        Followup("ketamine_reaction", ("prior_ketamine_reaction_details",),
                 ("prior_ketamine_adverse_reaction",),
                 prompt="Tell us briefly what happened when you had a bad reaction"),
    )

    raised_icp_mass_shunt_or_recent_tbi = radio(
        "Do you have raised pressure in your head, a growth in your brain, a shunt, or a recent serious "
        "head injury?", "raised_icp_mass_shunt_or_recent_tbi",
        message="Select whether you have raised pressure in your head, a growth in your brain, a shunt, or a "
                "recent serious head injury",
        hint="Raised pressure inside the skull is called raised intracranial pressure. A shunt is a tube "
             "that drains fluid from the brain. A head injury counts if it needed hospital care in the last "
             "few months.",
    )
    glaucoma_status = radio(
        "Do you have glaucoma?", "glaucoma_status", message="Select whether you have glaucoma",
        hint="An eye condition where pressure builds up inside the eye.",
    )
    eye_injury_or_planned_eye_surgery = radio(
        "Have you recently injured an eye, or do you have eye surgery planned?",
        "eye_injury_or_planned_eye_surgery",
        message="Select whether you have recently injured an eye, or have eye surgery planned",
    )
    seizure_disorder = radio(
        "Have you been told you have epilepsy or another seizure disorder?", "seizure_disorder",
        message="Select whether you have been told you have epilepsy or another seizure disorder",
        hint="Seizures are sometimes called fits.",
    )
    dementia_or_cognitive_impairment = radio(
        "Have you been told you have dementia, or problems with memory and thinking?",
        "dementia_or_cognitive_impairment",
        message="Select whether you have been told you have dementia, or problems with memory and thinking",
        hint="Also called cognitive impairment.",
    )
    liver_disease = radio(
        "Do you have liver disease?", "liver_disease", message="Select whether you have liver disease",
        hint="For example hepatitis, fatty liver disease, or cirrhosis (scarring of the liver).",
    )
    bladder_condition = radio(
        "Do you have any of these bladder problems?", "bladder_condition",
        message="Select a bladder problem, or \u201cNo, none of these\u201d",
    )
    respiratory_conditions = checkboxes(
        "Do you have any of these breathing conditions?", "respiratory_conditions",
        topic="the breathing conditions you have", none_label="No, none of these",
    )
    allergy_ketamine_esketamine = radio(
        "Have you ever had an allergic reaction to ketamine or esketamine?", "allergy_ketamine_esketamine",
        message="Select whether you have ever had an allergic reaction to ketamine or esketamine",
        hint="Esketamine is the nasal spray sold as Spravato.",
    )
    prior_ketamine_adverse_reaction = radio(
        "Have you had a bad reaction to ketamine or esketamine before, even if it was not an allergy?",
        "prior_ketamine_adverse_reaction",
        message="Select whether you have had a bad reaction to ketamine or esketamine before",
        hint="For example frightening experiences, confusion or agitation while it wore off.",
    )
    prior_ketamine_reaction_details = free_text(
        "What happened?", hint="A few words are enough. Your clinician will ask you more.",
        message="Tell us briefly what happened when you had a bad reaction",
    )
    breastfeeding = radio(
        "Are you breastfeeding or chestfeeding?", "breastfeeding",
        message="Select whether you are breastfeeding or chestfeeding",
        hint="Ketamine medicines can pass into breast milk.",
    )


class PregnancyForm(IntakeStepForm):
    lead = "Some treatments are not safe in pregnancy. Your answers are only seen by your care team."

    pregnancy_status = radio(
        "Are you pregnant?", "pregnancy_status", leave_out=("not_applicable",),
        message="Select whether you are pregnant",
        hint="Answer \u201cI'm not sure\u201d if you could be pregnant.",
    )
    planning_pregnancy_12mo = radio(
        "Are you planning to become pregnant in the next 12 months?", "planning_pregnancy_12mo",
        leave_out=("not_applicable",),
        message="Select whether you are planning to become pregnant in the next 12 months",
    )
