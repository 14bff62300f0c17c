"""The catalogue holds exactly the 64 codes of shared/clinical/rules.md, as written there, each one tested."""

import re

from screening.rules import CATALOGUE, RULES_BY_CODE, Domain, Severity
from tests.screening import (
    test_rules_cardio,
    test_rules_label,
    test_rules_logistics,
    test_rules_medications,
    test_rules_neuro_medical,
    test_rules_psych,
    test_rules_repro,
    test_rules_substances,
    test_rules_suicide,
)
from tests.services import clinical_spec

# The clinical spec sits beside the clone (../shared) in CI and in the team's tree.

EXC, PRE, INF, URG = Severity.EXCLUSION, Severity.PRECAUTION, Severity.INFO, Severity.URGENT
EXPECTED: dict[str, Severity] = {
    "CARDIO_ANEURYSM_AVM": EXC,
    "NEURO_INTRACEREBRAL_HEMORRHAGE": EXC,
    "ALLERGY_KETAMINE": EXC,
    "EXCLUSION_ITEM_UNSURE": PRE,
    "CARDIO_BP_ELEVATED": PRE,
    "CARDIO_BP_SEVERELY_ELEVATED": EXC,
    "CARDIO_BP_CRISIS_RANGE": URG,
    "CARDIO_HTN_UNCONTROLLED_REPORTED": PRE,
    "CARDIO_ACS_RECENT": EXC,
    "CARDIO_OTHER_CONDITION": PRE,
    "CARDIO_HYPERTENSIVE_ENCEPHALOPATHY_HX": PRE,
    "NEURO_ISCHEMIC_STROKE_TIA_RECENT": EXC,
    "NEURO_ISCHEMIC_STROKE_TIA_REMOTE": PRE,
    "ENDO_HYPERTHYROID_UNCONTROLLED": PRE,
    "NEURO_RAISED_ICP_OR_BRAIN_INJURY": PRE,
    "EYE_GLAUCOMA_OR_IOP": PRE,
    "EYE_GLAUCOMA_TREATED": INF,
    "NEURO_SEIZURE_DISORDER": PRE,
    "NEURO_COGNITIVE_IMPAIRMENT": PRE,
    "HEPATIC_SEVERE": PRE,
    "URO_CYSTITIS": PRE,
    "RESP_COMPROMISE": PRE,
    "AGE_UNDER_18": EXC,
    "AGE_65_PLUS": INF,
    "PRIOR_KETAMINE_ADVERSE_REACTION": INF,
    "PSYCH_PSYCHOSIS_ACTIVE": EXC,
    "PSYCH_PSYCHOTIC_DISORDER_HX": PRE,
    "PSYCH_PSYCHOSIS_FAMILY_HX": INF,
    "PSYCH_MANIA_CURRENT": EXC,
    "PSYCH_BIPOLAR_OR_MANIA_HX": PRE,
    "PSYCH_PTSD_DISTRESS_PLAN": INF,
    "SI_CSSRS_HIGH": URG,
    "SI_CSSRS_MODERATE": PRE,
    "SI_CSSRS_LOW": INF,
    "SI_PHQ9_ITEM9_POSITIVE": PRE,
    "SI_SCREEN_INCOMPLETE": URG,
    "SUD_ACTIVE": PRE,
    "SUD_HISTORY_REMISSION": PRE,
    "SUD_KETAMINE_PCP_MISUSE": PRE,
    "SUD_STIMULANT_ILLICIT_CURRENT": PRE,
    "SUD_ALCOHOL_CANNOT_ABSTAIN": PRE,
    "SUD_CANNABIS_CURRENT": PRE,
    "REPRO_PREGNANT": EXC,
    "REPRO_PREGNANCY_UNSURE": PRE,
    "REPRO_BREASTFEEDING": PRE,
    "REPRO_PREGNANCY_PLANNING": INF,
    "MED_MAOI": PRE,
    "MED_PSYCHOSTIMULANT": PRE,
    "MED_BENZODIAZEPINE": PRE,
    "MED_OPIOID": PRE,
    "MED_OTHER_CNS_DEPRESSANT": PRE,
    "MED_CNS_DEPRESSANT_MULTIPLE": PRE,
    "MED_LAMOTRIGINE": INF,
    "MED_OPIOID_ANTAGONIST": INF,
    "MED_NMDA_ANTAGONIST": PRE,
    "MED_THEOPHYLLINE": PRE,
    "MED_THYROID_OR_SYMPATHOMIMETIC": INF,
    "MED_ANTIPSYCHOTIC": INF,
    "MED_KETAMINE_CURRENT": INF,
    "MED_FUZZY_MATCH": INF,
    "MED_UNRECOGNIZED": INF,
    "LOGISTICS_NO_TRANSPORT": INF,
    "VITALS_BP_MISSING_OR_STALE": INF,
    "DATA_INCOMPLETE_SCALES": INF,
}

TABLES = (
    test_rules_label.CASES,
    test_rules_cardio.CASES,
    test_rules_neuro_medical.CASES,
    test_rules_psych.CASES,
    test_rules_suicide.CASES,
    test_rules_substances.CASES,
    test_rules_repro.CASES,
    test_rules_medications.CASES,
    test_rules_logistics.CASES,
)


def spec_rows() -> list[dict[str, str]]:
    """The rule rows of rules.md: code, severity, trigger, rationale, sources, ver."""
    rules_md = clinical_spec("rules.md")
    rows = []
    for line in rules_md.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"`[A-Z0-9_]+`", cells[0]):
            code, severity, trigger, rationale, sources, ver = cells
            rows.append(
                dict(code=code.strip("`"), severity=severity, rationale=rationale, sources=sources, ver=ver)
            )
    return rows


def spec_labels() -> list[str]:
    """The source labels defined in the Sources table of rules.md, longest first."""
    sources = clinical_spec("rules.md").read_text(encoding="utf-8").split("## Sources", 1)[1]
    labels = re.findall(r"^\| ([A-Z][A-Z0-9-]+) \|", sources, flags=re.MULTILINE)
    return sorted(labels, key=len, reverse=True)


def labels_in(text: str, labels: list[str]) -> set[str]:
    pattern = r"(?<![A-Z0-9-])(" + "|".join(map(re.escape, labels)) + r")(?![A-Z0-9-])"
    return set(re.findall(pattern, text))


def test_catalogue_holds_exactly_the_64_codes_with_their_severities() -> None:
    assert len(CATALOGUE) == 64
    assert [rule.code for rule in CATALOGUE] == list(EXPECTED)
    assert {rule.code: rule.severity for rule in CATALOGUE} == EXPECTED


def test_catalogue_matches_rules_md_code_for_code_in_order() -> None:
    rows = spec_rows()

    assert [row["code"] for row in rows] == [rule.code for rule in CATALOGUE]
    assert {row["code"]: row["severity"] for row in rows} == {rule.code: rule.severity for rule in CATALOGUE}


def test_each_rationale_and_basis_is_the_text_of_rules_md() -> None:
    for row in spec_rows():
        rule = RULES_BY_CODE[row["code"]]
        assert rule.rationale == " ".join(row["rationale"].split()), rule.code
        assert rule.basis == row["ver"], rule.code


def split_sources(cell: str) -> tuple[str, ...]:
    """A Sources cell of rules.md split on top-level semicolons (one inside parentheses does not split)."""
    parts, depth, current = [], 0, ""
    for char in cell:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return tuple(part.strip() for part in [*parts, current] if part.strip())


def test_sources_cells_split_on_top_level_semicolons_only() -> None:
    cell = "FDA-GABAPENTINOIDS (FDA communication; 2016 boxed warning); SPRAVATO-2023"
    assert split_sources(cell) == (
        "FDA-GABAPENTINOIDS (FDA communication; 2016 boxed warning)", "SPRAVATO-2023"
    )


def test_each_rule_cites_exactly_the_sources_of_rules_md_in_order() -> None:
    mismatches = {
        row["code"]: (RULES_BY_CODE[row["code"]].sources, split_sources(row["sources"]))
        for row in spec_rows()
        if RULES_BY_CODE[row["code"]].sources != split_sources(row["sources"])
    }
    assert mismatches == {}


def test_every_rule_cites_at_least_one_source_and_only_labels_rules_md_defines() -> None:
    labels = spec_labels()
    for rule in CATALOGUE:
        assert rule.sources, rule.code
        assert all(labels_in(source, labels) for source in rule.sources), rule.code
        assert len(set(rule.sources)) == len(rule.sources), rule.code


def test_every_rule_is_fully_declared() -> None:
    for rule in CATALOGUE:
        assert rule.rationale.endswith("."), rule.code
        assert rule.basis and isinstance(rule.domain, Domain), rule.code
        assert isinstance(rule.sources, tuple), rule.code
        assert callable(rule.predicate), rule.code


def test_every_code_has_a_firing_and_a_non_firing_boundary_case() -> None:
    outcomes: dict[str, set[bool]] = {code: set() for code in EXPECTED}
    for table in TABLES:
        for case in table:
            code, _, fires = case.values
            outcomes[code].add(fires)

    assert {code for code, seen in outcomes.items() if seen != {True, False}} == set()
