"""The safety-net mutants of issue 7 that mutmut cannot make, applied one at a time: each must fail a test.

mutmut mutates function bodies only; these live in settings, URLconfs, module-level data and a query
method. Run by `make mutation` after mutmut (not a pytest module): for each mutant it edits one file,
runs the tests named beside it, restores the file and reports KILLED or SURVIVED. With DATABASE_URL,
CELERY_BROKER_URL and CI set, the tests marked postgres and redis run too (otherwise they skip).
Exits 1 if a mutant survives or no longer applies to the code.
"""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEDICATION_TESTS = ("tests/screening/test_rules_medications.py", "tests/screening/test_evaluate.py")
EXTRA_DEPRESSANTS = ("Z_DRUG", "BARBITURATE", "GABAPENTINOID", "MUSCLE_RELAXANT", "SEDATING_ANTIHISTAMINE",
                     "OTHER_SEDATIVE")
ESCALATION_ENTRY = '''    "escalate-alerts": {
        "task": "screening.tasks.escalate_overdue_alerts",
        "schedule": ALERT_ESCALATION_CHECK_SECONDS,
        "options": {"expires": ALERT_ESCALATION_CHECK_SECONDS * 0.9},
    },
'''
DEPRESSANTS_COUNTED = 'CNS_DEPRESSANTS = frozenset(("BENZODIAZEPINE", "OPIOID", *OTHER_CNS_DEPRESSANTS))'
OTHER_RULE_CLASSES = '''        "MED_OTHER_CNS_DEPRESSANT",
        OTHER_CNS_DEPRESSANTS,'''


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


def without_class_in_multiple(drug_class: str) -> Mutant:
    return Mutant(
        f"{drug_class} not counted by MED_CNS_DEPRESSANT_MULTIPLE", "screening/rules/medications.py",
        DEPRESSANTS_COUNTED, f'{DEPRESSANTS_COUNTED} - {{"{drug_class}"}}', MEDICATION_TESTS,
    )


def without_class_in_other(drug_class: str) -> Mutant:
    return Mutant(
        f"{drug_class} not flagged by MED_OTHER_CNS_DEPRESSANT", "screening/rules/medications.py",
        OTHER_RULE_CLASSES,
        OTHER_RULE_CLASSES.replace(
            "OTHER_CNS_DEPRESSANTS,", f'tuple(c for c in OTHER_CNS_DEPRESSANTS if c != "{drug_class}"),'
        ),
        MEDICATION_TESTS,
    )


MUTANTS = [
    Mutant("escalate-alerts removed from the beat schedule", "clinic/settings.py", ESCALATION_ENTRY, "",
           ("tests/clinic/test_celery.py", "tests/clinic/test_celery_beat.py")),
    *[without_class_in_multiple(drug_class) for drug_class in EXTRA_DEPRESSANTS],
    *[without_class_in_other(drug_class) for drug_class in EXTRA_DEPRESSANTS],
    Mutant("clinicians' Intake.objects.for_user includes drafts", "patients/models.py",
           "return self.exclude(status=Intake.Status.DRAFT)", "return self.all()",
           ("tests/patients/test_models_scope.py",)),
    Mutant("a new view reuses an existing URL name", "screening/urls.py",
           '    path("rules/", views.catalogue, name="catalogue"),\n',
           '    path("rules/", views.catalogue, name="catalogue"),\n'
           '    path("rules/all/", views.home, name="catalogue"),\n',
           ("tests/access/test_url_roles.py::test_every_url_pattern_and_its_view_has_a_row_in_the_access_table",)),
]


def verdict(mutant: Mutant) -> str:
    """KILLED when the mutant's tests fail, SURVIVED when they pass, NOT APPLICABLE when the code moved on."""
    path = ROOT / mutant.path
    original = path.read_text()
    if original.count(mutant.old) != 1:
        return "NOT APPLICABLE (the code it mutates changed: update tests/known_mutants.py)"
    path.write_text(original.replace(mutant.old, mutant.new))
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", *mutant.tests],
                             cwd=ROOT, capture_output=True, text=True)
    finally:
        path.write_text(original)
    outcome = {0: "SURVIVED", 1: "KILLED"}
    return outcome.get(run.returncode, f"ERROR (pytest exit {run.returncode})\n{run.stdout}")


def main() -> int:
    results = [(mutant, verdict(mutant)) for mutant in MUTANTS]
    for mutant, result in results:
        print(f"{result.split()[0]:<9} {mutant.name}  [{' '.join(mutant.tests)}]")
        if result.split()[0] not in ("KILLED", "SURVIVED"):
            print(f"          {result}")
    killed = sum(result == "KILLED" for _, result in results)
    print(f"{killed} of {len(results)} known mutants killed")
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
