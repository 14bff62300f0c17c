"""D. Psychiatric (rules.md)."""

from screening.rules.base import Domain, Rule, Severity
from screening.rules.predicates import YES_OR_UNSURE, any_of, equals, not_empty, one_of, overlaps, unless

PSYCH_RULES: tuple[Rule, ...] = (
    Rule(
        code="PSYCH_PSYCHOSIS_ACTIVE",
        severity=Severity.EXCLUSION,
        rationale=(
            "Ketamine and esketamine produce dissociation and perceptual disturbance that could worsen "
            "active psychosis; the label requires careful assessment first and clinics exclude current "
            "psychosis."
        ),
        sources=("SPRAVATO-PI §5.2", "SPRAVATO-DDI (mdedge)", "NHS-OXFORD", "CLINICS", "TRIALS"),
        basis='V (facts) / D (severity: label says "initiate only if benefit outweighs risk")',
        domain=Domain.PSYCHIATRIC,
        predicate=equals("psychotic_symptoms_past_30d", "yes"),
    ),
    Rule(
        code="PSYCH_PSYCHOTIC_DISORDER_HX",
        severity=Severity.PRECAUTION,
        rationale=(
            "A past psychotic disorder or episode (including psychotic depression or substance-induced "
            "psychosis) needs benefit-risk review because treatment could destabilize it."
        ),
        sources=(
            "SPRAVATO-PI §5.2",
            "SPRAVATO-DDI (prior history of psychosis → increased caution)",
            "APA-2017 (attention to psychosis history)",
            "CLINICS (Psyon)",
        ),
        basis="V",
        domain=Domain.PSYCHIATRIC,
        predicate=unless(
            equals("psychotic_symptoms_past_30d", "yes"),
            any_of(
                not_empty("psychotic_disorder_dx_lifetime"),
                one_of("psychotic_episode_ever", YES_OR_UNSURE),
            ),
        ),
    ),
    Rule(
        code="PSYCH_PSYCHOSIS_FAMILY_HX",
        severity=Severity.INFO,
        rationale=(
            "Some services treat a first-degree family history of psychosis as raised susceptibility, "
            "so it is noted for the consult."
        ),
        sources=("CLINICS (Psyon exclusion criterion)",),
        basis="P / D",
        domain=Domain.PSYCHIATRIC,
        predicate=one_of("family_hx_psychosis_first_degree", YES_OR_UNSURE),
    ),
    Rule(
        code="PSYCH_MANIA_CURRENT",
        severity=Severity.EXCLUSION,
        rationale=(
            "An ongoing manic or hypomanic episode could be aggravated by an altered-state treatment, "
            "and clinics and trials exclude current mania."
        ),
        sources=("CLINICS (Reset, Westport)", "TRIALS (PMC10812090)"),
        basis="P / D",
        domain=Domain.PSYCHIATRIC,
        predicate=equals("mania_hypomania_current", "yes"),
    ),
    Rule(
        code="PSYCH_BIPOLAR_OR_MANIA_HX",
        severity=Severity.PRECAUTION,
        rationale=(
            "Past mania, especially drug-induced, raises the risk of switching, and bipolar patients "
            "are usually expected to be on a mood stabilizer."
        ),
        sources=("NHS-OXFORD", "CLINICS (osmind)"),
        basis="P",
        domain=Domain.PSYCHIATRIC,
        predicate=unless(
            equals("mania_hypomania_current", "yes"),
            any_of(one_of("bipolar_dx", YES_OR_UNSURE), one_of("mania_hypomania_ever", YES_OR_UNSURE)),
        ),
    ),
    Rule(
        code="PSYCH_PTSD_DISTRESS_PLAN",
        severity=Severity.INFO,
        rationale=(
            "Patients with PTSD may become distressed during dissociation, so a calming plan should be "
            "agreed in advance."
        ),
        sources=("CLINICS (osmind)",),
        basis="P",
        domain=Domain.PSYCHIATRIC,
        predicate=any_of(equals("ptsd_dx", "yes"), overlaps("primary_indication", ("ptsd",))),
    ),
)
