"""Load the demo data of every app, idempotently; refuses to run in production without --force."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

# Order matters: accounts first, then the apps whose demo data uses them.
DEMO_MODULES = ["accounts.demo", "screening.demo", "patients.demo"]


class Command(BaseCommand):
    help = "Create the demo accounts and data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: object, force: bool = False, **options: object) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("loaddemo refuses to run with DEBUG off; pass --force if you mean it.")
        lines: list[str] = []
        with transaction.atomic():
            for name in DEMO_MODULES:
                lines += _load(name)
        self.stdout.write("Demo data loaded. Open http://127.0.0.1:8000/ and sign in as:")
        for line in lines:
            self.stdout.write(f"  {line}")


def _load(module_name: str) -> list[str]:
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return []
    return module.load() or []
