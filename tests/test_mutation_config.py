"""make mutation copies the project into mutants/: every app the settings install must be in that copy."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def test_mutmut_copies_every_app_of_the_project() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    copied = {path.rstrip("/") for path in config["also_copy"] + config["source_paths"]}
    tops = {app.name.split(".")[0]: Path(app.path) for app in apps.get_app_configs()}
    ours = {top for top, path in tops.items() if path.is_relative_to(ROOT / top)}  # not the virtualenv's
    assert ours and ours <= copied, f"add to [tool.mutmut] also_copy: {sorted(ours - copied)}"
