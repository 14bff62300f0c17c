"""H. Medications (rules.md): drug classes come from the matcher (medications.md)."""

from screening.rules.base import Domain, Evidence, Predicate, Rule, Severity
from screening.rules.facts import Facts

OTHER_CNS_DEPRESSANTS = (
    "Z_DRUG",
    "BARBITURATE",
    "GABAPENTINOID",
    "MUSCLE_RELAXANT",
    "SEDATING_ANTIHISTAMINE",
    "OTHER_SEDATIVE",
)
CNS_DEPRESSANTS = frozenset(("BENZODIAZEPINE", "OPIOID", *OTHER_CNS_DEPRESSANTS))


def has_class(*classes: str) -> Predicate:
    """Fires when any medication carries one of the classes; the evidence lists those medications."""
    wanted = frozenset(classes)

    def predicate(facts: Facts) -> Evidence | None:
        if wanted.isdisjoint(facts.medication_classes):
            return None
        names = [name for name, match in facts.medications if match.classes & wanted]
        return {"medications": list(dict.fromkeys(names))}

    return predicate


def several_cns_depressant_classes(facts: Facts) -> Evidence | None:
    """Two or more distinct CNS-depressant classes across the list (a combination product counts twice)."""
    if len(CNS_DEPRESSANTS & facts.medication_classes) < 2:
        return None
    classes: set[str] = set()
    names: list[str] = []
    for name, match in facts.medications:
        found = match.classes & CNS_DEPRESSANTS
        if found:
            classes |= found
            names.append(name)
    if len(classes) < 2:
        return None
    return {"medications": list(dict.fromkeys(names)), "classes": sorted(classes)}


def fuzzy_matched(facts: Facts) -> Evidence | None:
    """A medication resolved only by the fuzzy rule; the evidence shows "typed → key" for each."""
    if not facts.medications:
        return None
    matches = [f"{token} → {key}" for _, match in facts.medications for token, key in match.fuzzy]
    return {"matches": list(dict.fromkeys(matches))} if matches else None


def unrecognized(facts: Facts) -> Evidence | None:
    """A line the dictionary does not know, or an unknown word beside a known drug (2026.2)."""
    if not facts.medications:
        return None
    names = [name for name, match in facts.medications if not match.recognized]
    words = [f'"{word}" in "{name}"' for name, match in facts.medications for word in match.leftovers]
    evidence: Evidence = {}
    if names:
        evidence["medications"] = list(dict.fromkeys(names))
    if words:
        evidence["words"] = list(dict.fromkeys(words))
    return evidence or None


def _class_rule(
    code: str,
    classes: tuple[str, ...],
    severity: Severity,
    rationale: str,
    *,
    sources: tuple[str, ...],
    basis: str,
) -> Rule:
    """A rule that fires when any medication carries one of the classes."""
    return Rule(code, severity, rationale, sources, basis, Domain.MEDICATIONS, has_class(*classes))


MEDICATION_RULES: tuple[Rule, ...] = (
    _class_rule(
        "MED_MAOI",
        ("MAOI",),
        Severity.PRECAUTION,
        "MAOIs can raise BP further with esketamine, so BP must be watched closely.",
        sources=("SPRAVATO-PI §5.6 (→ §7.3)", "SPRAVATO-DDI", "SPRAVATO-MONO"),
        basis="V",
    ),
    _class_rule(
        "MED_PSYCHOSTIMULANT",
        ("PSYCHOSTIMULANT",),
        Severity.PRECAUTION,
        "Psychostimulants add to esketamine's rise in BP.",
        sources=("SPRAVATO-PI §5.6 (→ §7.2)", "SPRAVATO-DDI"),
        basis="V",
    ),
    _class_rule(
        "MED_BENZODIAZEPINE",
        ("BENZODIAZEPINE",),
        Severity.PRECAUTION,
        "Benzodiazepines add to sedation and may blunt ketamine's antidepressant response, especially "
        "at higher doses.",
        sources=(
            "SPRAVATO-PI §5.1 (→ §7.1)",
            "SPRAVATO-DDI",
            "ANDRADE-2017",
            "BZD-2020",
            "TRIALS (>3 mg lorazepam-eq excluded in one trial)",
        ),
        basis="V",
    ),
    _class_rule(
        "MED_OPIOID",
        ("OPIOID",),
        Severity.PRECAUTION,
        "Opioids add to sedation and respiratory depression.",
        sources=("SPRAVATO-PI §7.1 (via §5.1)", "SPRAVATO-2023", "SPRAVATO-DDI"),
        basis="V",
    ),
    _class_rule(
        "MED_OTHER_CNS_DEPRESSANT",
        OTHER_CNS_DEPRESSANTS,
        Severity.PRECAUTION,
        "Other CNS depressants deepen sedation and the risk of respiratory depression.",
        sources=(
            "SPRAVATO-PI §7.1",
            "KETAMINE-MONO (ethanol, phenothiazines, sedating H1-blockers, muscle relaxants)",
            "FDA-GABAPENTINOIDS (FDA: gabapentinoids plus CNS depressants → respiratory depression)",
        ),
        basis="V (class effect) / P (class membership)",
    ),
    Rule(
        code="MED_CNS_DEPRESSANT_MULTIPLE",
        severity=Severity.PRECAUTION,
        rationale=(
            "Each extra depressant class compounds respiratory risk (a single combination product such "
            "as butalbital with codeine counts with each of its classes); FDA boxed warnings and "
            "drug-safety communications cover these combinations."
        ),
        sources=(
            "FDA-GABAPENTINOIDS (FDA gabapentinoid communication; 2016 opioid–benzodiazepine boxed warning)",
            "SPRAVATO-2023",
        ),
        basis="P / D",
        domain=Domain.MEDICATIONS,
        predicate=several_cns_depressant_classes,
    ),
    _class_rule(
        "MED_LAMOTRIGINE",
        ("LAMOTRIGINE",),
        Severity.INFO,
        "Lamotrigine may dampen ketamine's effects, and its effect on antidepressant response is "
        "unknown, so the consult should note it.",
        sources=("ANDRADE-2017 (Sanacora's comment on lamotrigine: [U])",),
        basis="V / U",
    ),
    _class_rule(
        "MED_OPIOID_ANTAGONIST",
        ("OPIOID_ANTAGONIST",),
        Severity.INFO,
        "Naltrexone blocked ketamine's acute antidepressant effect in one small trial but not in a "
        "later one, and it also blocks opioid analgesia.",
        sources=("NALTREXONE-TRIALS",),
        basis="V (conflicting)",
    ),
    _class_rule(
        "MED_NMDA_ANTAGONIST",
        ("NMDA_ANTAGONIST",),
        Severity.PRECAUTION,
        "Combining NMDA antagonists may add CNS adverse effects, and memantine's labeling advises caution.",
        sources=("MEMANTINE",),
        basis="P",
    ),
    _class_rule(
        "MED_THEOPHYLLINE",
        ("METHYLXANTHINE",),
        Severity.PRECAUTION,
        "Ketamine with theophylline or aminophylline can lower the seizure threshold, with "
        "extensor-type seizures reported.",
        sources=("KETALAR-PI", "KETAMINE-CH", "KETAMINE-MONO", "UKCPA-THEO"),
        basis="V",
    ),
    _class_rule(
        "MED_THYROID_OR_SYMPATHOMIMETIC",
        ("THYROID_OR_SYMPATHOMIMETIC",),
        Severity.INFO,
        "Thyroid hormone and sympathomimetics can amplify ketamine's hypertensive and tachycardic effect.",
        sources=("KETAMINE-CH", "KETAMINE-MONO"),
        basis="P",
    ),
    _class_rule(
        "MED_ANTIPSYCHOTIC",
        ("ANTIPSYCHOTIC",),
        Severity.INFO,
        "An antipsychotic on the list should prompt the reviewer to reconcile psychosis or bipolar "
        "history and note possible sedation.",
        sources=("KETAMINE-MONO (phenothiazines)",),
        basis="D",
    ),
    _class_rule(
        "MED_KETAMINE_CURRENT",
        ("KETAMINE",),
        Severity.INFO,
        "A patient already on ketamine or esketamine elsewhere needs coordination to avoid duplication "
        "and diversion.",
        sources=("SPRAVATO-PI §5.3",),
        basis="D",
    ),
    Rule(
        code="MED_FUZZY_MATCH",
        severity=Severity.INFO,
        rationale="The clinician must confirm which drug the patient meant.",
        sources=("MEDS-MATCH",),
        basis="D",
        domain=Domain.MEDICATIONS,
        predicate=fuzzy_matched,
    ),
    Rule(
        code="MED_UNRECOGNIZED",
        severity=Severity.INFO,
        rationale="Medication reconciliation is needed, because an unknown drug could interact.",
        sources=("MEDS-MATCH", "SPRAVATO-DDI"),
        basis="D",
        domain=Domain.MEDICATIONS,
        predicate=unrecognized,
    ),
)
