"""Every environment variable is documented, and with DEBUG off WhiteNoise serves the collected files."""

import ast
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
ENV_READERS = {"str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "db", "db_url", "path"}


def reads_env(func: ast.expr) -> bool:
    """Whether a call is `env(...)` or `env.<type>(...)`."""
    if isinstance(func, ast.Attribute) and func.attr in ENV_READERS:
        func = func.value
    return isinstance(func, ast.Name) and func.id == "env"


def variables_read_by_settings() -> set[str]:
    """Names of the environment variables clinic/settings.py reads."""
    tree = ast.parse((ROOT / "clinic" / "settings.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and reads_env(node.func)
        and node.args and isinstance(node.args[0], ast.Constant)
    }


def documented_variables() -> dict[str, str]:
    """Each NAME=value line of .env.example, mapped to the comment line just above it."""
    documented, comment = {}, ""
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#"):
            comment = line.lstrip("# ").strip()
        elif "=" in line:
            documented[line.split("=", 1)[0].strip()] = comment
            comment = ""
    return documented


def test_the_settings_parser_finds_the_variables_it_should() -> None:
    expected = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "SECURE_COOKIES"}
    assert expected <= variables_read_by_settings()


def test_every_variable_settings_reads_is_in_env_example() -> None:
    missing = variables_read_by_settings() - documented_variables().keys()
    assert missing == set(), f"add these to .env.example with a comment: {sorted(missing)}"


def test_every_variable_in_env_example_has_a_comment_above_it() -> None:
    uncommented = [name for name, comment in documented_variables().items() if not comment]
    assert uncommented == []


@pytest.mark.django_db
def test_with_debug_off_whitenoise_serves_the_collected_css_under_a_hashed_name(
    settings: object, tmp_path: Path
) -> None:
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    login_page = Client().get(reverse("accounts:login")).content.decode()
    css_url = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', login_page).group(1)
    css = Client().get(css_url)

    assert css.status_code == 200
    assert b"focus-visible" in b"".join(css.streaming_content)
    assert "immutable" in css["Cache-Control"]
