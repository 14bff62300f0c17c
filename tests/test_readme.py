"""The README's screening commands work as typed in a new shell: no DEBUG, only the .env that make wrote."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHELL_BLOCKS = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def readme_commands() -> list[str]:
    """Each command line of the README's sh blocks, without its trailing comment."""
    blocks = SHELL_BLOCKS.findall((ROOT / "README.md").read_text())
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def new_shell_env() -> dict[str, str]:
    """What a new terminal has: none of this test run's DEBUG, DATABASE_URL or CELERY_BROKER_URL."""
    return {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}


SCREEN_COMMANDS = [command for command in readme_commands() if "manage.py screen" in command]


def test_the_readme_shows_how_to_screen_one_document_and_a_batch_from_stdin() -> None:
    assert len(SCREEN_COMMANDS) == 2
    assert SCREEN_COMMANDS[1].endswith("screen -")


@pytest.mark.parametrize("command", SCREEN_COMMANDS)
def test_each_screen_command_of_the_readme_works_as_typed_in_a_new_shell(command: str) -> None:
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=new_shell_env(),
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    results = output if isinstance(output, list) else [output]
    assert results
    assert all(result["outcome"] in {"ELIGIBLE", "REVIEW", "BLOCKED", "URGENT"} for result in results)
