"""The warm-up gunicorn's master runs before forking: every template compiled, no database touched."""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.template import engines

from clinic.warmup import template_names, warm_up

ROOT = Path(__file__).resolve().parents[2]


def cached_loader():
    return engines["django"].engine.template_loaders[0]


def test_warm_up_compiles_every_template_into_the_cached_loader():
    # No database fixture: pytest-django refuses any query here, so the warm-up provably makes none
    # (a connection opened in gunicorn's master would be shared by every worker it forks).
    cached_loader().reset()
    compiled = warm_up()
    cache = cached_loader().get_template_cache
    expected = {"base.html", "patients/dashboard_patient.html", "review/_case_flag.html",
                "bootstrap5/field.html"}
    assert expected <= set(cache)
    assert compiled == len(template_names(engines["django"])) >= 150


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_master_warms_up_before_forking(tmp_path):
    log = tmp_path / "gunicorn.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "clinic.wsgi", "--config", "gunicorn.conf.py",
               "--bind", f"127.0.0.1:{free_port()}", "--workers", "1", "--error-logfile", str(log)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while "Booting worker" not in (text := log.read_text() if log.exists() else ""):
            assert server.poll() is None and time.monotonic() < deadline, text
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    warmed = re.search(r"Warmed up: (\d+) templates compiled", text)
    assert warmed and int(warmed[1]) >= 150
    assert text.index("Warmed up") < text.index("Booting worker")
