"""The answer options of every screening enum, with the words a patient reads.

The values are the allowed values of shared/clinical/intake-fields.md, exactly; the labels
are plain words (reading age about 12).
"""

YES_NO = (("yes", "Yes"), ("no", "No"))
YES_NO_UNSURE = (*YES_NO, ("unsure", "I'm not sure"))

SCALE_0_3 = ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))

SUBSTANCES = (
    ("alcohol", "Alcohol"),
    ("cannabis", "Cannabis (marijuana, weed)"),
    ("cocaine", "Cocaine or crack"),
    ("methamphetamine", "Methamphetamine (meth, crystal)"),
    ("illicit_amphetamine", "Amphetamines not prescribed to you (for example speed, or someone "
                            "else's ADHD pills)"),
    ("opioids_nonmedical", "Opioids not as prescribed (for example heroin, fentanyl or someone "
                           "else's painkillers)"),
    ("sedatives_nonmedical", "Sedatives or sleeping pills not as prescribed (for example Xanax or Valium)"),
    ("ketamine", "Ketamine, outside of medical treatment"),
    ("pcp", "PCP (angel dust)"),
    ("hallucinogens", "Hallucinogens (for example LSD or magic mushrooms)"),
    ("other", "Another drug"),
)

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "sex_assigned_at_birth": (
        ("female", "Female"),
        ("male", "Male"),
        ("intersex", "Intersex"),
        ("prefer_not_to_say", "I'd prefer not to say"),
    ),
    "can_become_pregnant": YES_NO_UNSURE,
    "primary_indication": (
        ("depression", "Depression"),
        ("anxiety", "Anxiety"),
        ("ptsd", "PTSD (post-traumatic stress disorder)"),
        ("chronic_pain", "Long-term (chronic) pain"),
        ("other", "Something else"),
    ),
    "bp_source": (
        ("clinic", "At a doctor's office, clinic or hospital"),
        ("pharmacy_kiosk", "A blood pressure machine at a pharmacy or store"),
        ("home_cuff", "My own blood pressure cuff at home"),
        ("recalled", "I'm going from memory"),
    ),
    "hx_aneurysm": YES_NO_UNSURE,
    "hx_avm": YES_NO_UNSURE,
    "hx_intracerebral_hemorrhage": YES_NO_UNSURE,
    "hx_ischemic_stroke_or_tia": YES_NO_UNSURE,
    "hx_mi": YES_NO_UNSURE,
    "hx_unstable_angina": YES_NO_UNSURE,
    "hx_coronary_revascularization": YES_NO_UNSURE,
    "other_cv_conditions": (
        ("stable_cad_angina", "Stable angina or coronary artery disease (chest pain on effort that goes away "
                              "with rest, or narrowed heart arteries)"),
        ("heart_failure", "Heart failure (the heart does not pump as well as it should)"),
        ("arrhythmia", "An irregular or abnormal heartbeat (arrhythmia)"),
        ("valvular_disease", "A heart valve problem"),
        ("cardiomyopathy", "Cardiomyopathy (a disease of the heart muscle)"),
        ("peripheral_arterial_disease_non_aneurysmal", "Narrowed arteries in the legs or arms "
                                                       "(peripheral artery disease)"),
        ("unsure", "I'm not sure"),
    ),
    "hypertension_status": (
        ("none", "No"),
        ("controlled", "Yes, and it is under control"),
        ("uncontrolled", "Yes, and it is not under control"),
        ("unsure", "I'm not sure"),
    ),
    "hx_hypertensive_encephalopathy": YES_NO_UNSURE,
    "hyperthyroidism_status": (
        ("none", "No"),
        ("treated_controlled", "Yes, and it is treated and under control"),
        ("untreated_or_uncontrolled", "Yes, and it is not treated or not under control"),
        ("unsure", "I'm not sure"),
    ),
    "raised_icp_mass_shunt_or_recent_tbi": YES_NO_UNSURE,
    "glaucoma_status": (
        ("none", "No"),
        ("treated_open_angle", "Yes, open-angle glaucoma that is being treated"),
        ("untreated_or_angle_closure", "Yes, glaucoma that is not treated, or angle-closure glaucoma"),
        ("unsure", "I'm not sure"),
    ),
    "eye_injury_or_planned_eye_surgery": YES_NO,
    "seizure_disorder": YES_NO_UNSURE,
    "dementia_or_cognitive_impairment": YES_NO_UNSURE,
    "liver_disease": (
        ("none", "No"),
        ("mild_moderate", "Yes, mild or moderate"),
        ("severe_or_decompensated", "Yes, severe (for example cirrhosis with fluid build-up, yellow skin "
                                    "or confusion)"),
        ("unsure", "I'm not sure"),
    ),
    "bladder_condition": (
        ("none", "No, none of these"),
        ("interstitial_cystitis", "Interstitial cystitis (painful bladder syndrome)"),
        ("ulcerative_cystitis", "Ulcerative cystitis (sores or swelling in the lining of the bladder)"),
        ("chronic_lower_urinary_symptoms", "Long-term bladder problems, such as needing to pee often or "
                                           "urgently, or pain when peeing"),
    ),
    "respiratory_conditions": (
        ("osa_untreated", "Sleep apnea (breathing stops during sleep) that is not treated"),
        ("osa_treated", "Sleep apnea that is treated, for example with a CPAP machine"),
        ("severe_copd", "Severe COPD (long-term lung disease, such as emphysema)"),
        ("home_oxygen", "I use oxygen at home"),
        ("other_chronic_respiratory_failure", "Another long-term condition where my lungs can't get "
                                              "enough oxygen into my blood"),
        ("asthma", "Asthma"),
    ),
    "allergy_ketamine_esketamine": YES_NO_UNSURE,
    "prior_ketamine_adverse_reaction": YES_NO,
    "psychotic_symptoms_past_30d": YES_NO_UNSURE,
    "psychotic_disorder_dx_lifetime": (
        ("schizophrenia", "Schizophrenia"),
        ("schizoaffective", "Schizoaffective disorder"),
        ("delusional_disorder", "Delusional disorder"),
        ("brief_psychotic_disorder", "Brief psychotic disorder"),
        ("psychotic_depression", "Depression with psychosis (psychotic depression)"),
        ("substance_induced_psychosis", "Psychosis caused by alcohol, drugs or a medicine"),
        ("other_psychotic", "Another psychotic disorder"),
    ),
    "psychotic_episode_ever": YES_NO_UNSURE,
    "family_hx_psychosis_first_degree": YES_NO_UNSURE,
    "bipolar_dx": YES_NO_UNSURE,
    "mania_hypomania_current": YES_NO_UNSURE,
    "mania_hypomania_ever": YES_NO_UNSURE,
    "ptsd_dx": YES_NO,
    "sud_status": (
        ("none", "No"),
        ("past_in_remission", "Yes, in the past, but not now (I'm in recovery)"),
        ("current", "Yes, now"),
    ),
    "substances_past_12mo": SUBSTANCES,
    "substances_past_30d": SUBSTANCES,
    "ketamine_or_pcp_nonmedical_ever": YES_NO,
    "alcohol_can_abstain_24h": YES_NO,
    "phq9_difficulty": (
        ("not_difficult", "Not difficult at all"),
        ("somewhat", "Somewhat difficult"),
        ("very", "Very difficult"),
        ("extremely", "Extremely difficult"),
    ),
    "cssrs_q1": YES_NO,
    "cssrs_q2": YES_NO,
    "cssrs_q3": YES_NO,
    "cssrs_q4": YES_NO,
    "cssrs_q5": YES_NO,
    "cssrs_q6": YES_NO,
    "cssrs_q6_past_3_months": YES_NO,
    "pregnancy_status": (
        ("not_pregnant", "No"),
        ("pregnant", "Yes"),
        ("unsure", "I'm not sure"),
        ("not_applicable", "Does not apply"),
    ),
    "breastfeeding": (("yes", "Yes"), ("no", "No"), ("not_applicable", "This does not apply to me")),
    "planning_pregnancy_12mo": (*YES_NO_UNSURE, ("not_applicable", "Does not apply")),
    "has_escort_transport": YES_NO,
}


def offered(field: str, *leave_out: str) -> tuple[tuple[str, str], ...]:
    """The options a form offers for `field`: the spec's values minus those set by branching."""
    return tuple(choice for choice in CHOICES[field] if choice[0] not in leave_out)
