"""Load the demo data of every app, idempotently; refuses to run in production without --force."""

import time
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

# Order matters: accounts first, then the apps whose demo data uses them.
DEMO_MODULES = [
    "accounts.demo", "screening.demo", "patients.demo", "review.demo", "scheduling.demo",
    "scheduling.demo_booking",
]
# Synthetic cases for scale tests (`--cases N`), looked up by name: accounts sits below the apps it loads.
SYNTHETIC_CASES = "review.synthetic"


class Command(BaseCommand):
    help = "Create the demo accounts and data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument(
            "--cases", type=int, default=0, metavar="N",
            help="Also add N synthetic sent and screened intakes, for trying the queue at scale.",
        )

    def handle(self, *args: object, force: bool = False, cases: int = 0, **options: object) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("loaddemo refuses to run with DEBUG off; pass --force if you mean it.")
        lines: list[str] = []
        with transaction.atomic():
            for name in DEMO_MODULES:
                lines += _load(name)
        if cases < 0:
            raise CommandError("--cases must be 0 or more.")
        self.stdout.write("Demo data loaded. Open http://127.0.0.1:8000/ and sign in as:")
        for line in lines:
            self.stdout.write(f"  {line}")
        if cases:
            started = time.monotonic()
            added = import_module(SYNTHETIC_CASES).add_cases(count=cases)
            self.stdout.write(f"Added {added} synthetic cases in {time.monotonic() - started:.1f} s.")


def _load(module_name: str) -> list[str]:
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return []
    return module.load() or []
