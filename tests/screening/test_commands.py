import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from screening.models import MedicationName
from tests.screening.documents import make_document

pytestmark = pytest.mark.django_db


def write_json(tmp_path: Path, payload: object) -> str:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def screen(source: str) -> tuple[object, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("screen", source, stdout=stdout, stderr=stderr)
    return json.loads(stdout.getvalue()), stderr.getvalue()


def refused(source: str) -> tuple[CommandError, str]:
    stdout = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("screen", source, stdout=stdout)
    return caught.value, stdout.getvalue()


def test_one_document_gives_one_result_object(tmp_path: Path) -> None:
    result, _ = screen(write_json(tmp_path, make_document(bp_systolic=141)))
    assert result["ruleset_version"] == "2026.2"
    assert result["outcome"] == "REVIEW"
    assert [flag["code"] for flag in result["flags"]] == ["CARDIO_BP_ELEVATED"]
    assert result["flags"][0]["evidence"] == {"bp_systolic": 141, "bp_diastolic": 80}
    assert result["scores"]["gad7"] == {"total": 7, "band": "mild"}


def test_an_array_gives_results_in_the_same_order(tmp_path: Path) -> None:
    documents = [
        make_document(), make_document(bp_systolic=141), make_document(allergy_ketamine_esketamine="yes")
    ]
    results, _ = screen(write_json(tmp_path, documents))
    assert [result["outcome"] for result in results] == ["ELIGIBLE", "REVIEW", "BLOCKED"]


def test_an_empty_array_gives_an_empty_array(tmp_path: Path) -> None:
    assert screen(write_json(tmp_path, []))[0] == []


def test_a_dash_reads_the_documents_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [make_document(), make_document(bp_diastolic=95)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(documents)))
    results, _ = screen("-")
    assert [result["outcome"] for result in results] == ["ELIGIBLE", "REVIEW"]


def test_invalid_documents_exit_2_naming_each_bad_field_and_print_nothing(tmp_path: Path) -> None:
    documents = [make_document() for _ in range(3)] + [make_document(bp_systolic="high", extra=1)]
    del documents[1]["hx_avm"]
    error, stdout = refused(write_json(tmp_path, documents))
    assert error.returncode == 2
    lines = str(error).splitlines()
    assert any(line.startswith("[1] hx_avm: missing") for line in lines)
    assert any(line.startswith("[3] bp_systolic: ") for line in lines)
    assert any(line.startswith("[3] extra: unknown field") for line in lines)
    assert not any(line.startswith(("[0]", "[2]")) for line in lines)
    assert stdout == ""


def test_one_invalid_document_is_reported_without_an_index(tmp_path: Path) -> None:
    error, stdout = refused(write_json(tmp_path, make_document(intake_date="2026-02-30")))
    assert error.returncode == 2
    assert str(error).splitlines()[1].startswith("intake_date: ")
    assert stdout == ""


def test_input_that_is_not_json_exits_2_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"intake_date": ', encoding="utf-8")
    error, stdout = refused(str(path))
    assert error.returncode == 2
    assert "is not valid JSON" in str(error)
    assert stdout == ""


def test_json_nested_thousands_of_levels_deep_exits_2_with_one_plain_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    error, stdout = refused(str(path))
    assert (error.returncode, str(error), stdout) == (2, f"{path} is nested too deeply to read", "")


TOO_LONG = "holds a number of more than 4300 digits"


def test_an_integer_of_thousands_of_digits_exits_2_with_one_plain_line(tmp_path: Path) -> None:
    path = tmp_path / "digits.json"
    document = json.dumps(make_document(bp_systolic=0))
    text = document.replace('"bp_systolic": 0', '"bp_systolic": ' + "9" * 5000)
    path.write_text(text, encoding="utf-8")
    error, stdout = refused(str(path))
    assert (error.returncode, str(error), stdout) == (2, f"{path} {TOO_LONG}", "")


def test_a_long_integer_that_can_be_read_is_refused_with_a_short_message(tmp_path: Path) -> None:
    error, _ = refused(write_json(tmp_path, make_document(bp_systolic=10**3000)))
    line = str(error).splitlines()[1]
    assert line.startswith("bp_systolic: must be a whole number from 60 to 300, got 1000")
    assert len(line) < 120


@pytest.mark.parametrize(
    ("payload", "problem"),
    [("[" * 50_000 + "]" * 50_000, "is nested too deeply to read"), ("9" * 5000, TOO_LONG)],
    ids=["deep", "long integer"],
)
def test_hostile_json_typed_at_the_shell_prints_one_line_and_no_traceback(
    tmp_path: Path, payload: str, problem: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(payload, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "manage.py", "screen", str(path)], cwd=Path(__file__).resolve().parents[2],
        capture_output=True, text=True, env={**os.environ, "DEBUG": "1"}, timeout=60, check=False,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert "Traceback" not in run.stderr
    assert f"CommandError: {path} {problem}\n" in run.stderr


def test_a_missing_file_exits_2_with_a_message(tmp_path: Path) -> None:
    error, _ = refused(str(tmp_path / "nowhere.json"))
    assert (error.returncode, "cannot read" in str(error)) == (2, True)


def test_the_command_uses_the_clinics_dictionary_from_the_database(tmp_path: Path) -> None:
    MedicationName.objects.create(name="frobnicol", generic="frobnicolam", classes="OPIOID")
    document = make_document(medications=[{"name": "Frobnicol", "dose": "5 mg", "frequency": "daily"}])
    result, _ = screen(write_json(tmp_path, document))
    assert [flag["code"] for flag in result["flags"]] == ["MED_OPIOID"]


def test_a_batch_of_500_documents_is_screened_in_one_call(tmp_path: Path) -> None:
    documents = [make_document(bp_systolic=100 + index % 100) for index in range(500)]
    results, _ = screen(write_json(tmp_path, documents))
    assert len(results) == 500
    assert [result["outcome"] for result in results[39:43]] == ["ELIGIBLE", "ELIGIBLE", "REVIEW", "REVIEW"]
