"""`manage.py screen FILE`: screen one intake document or a JSON array of them (shared/clinical/README.md)."""

import json
import sys
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from screening.document import validate_document
from screening.medications import MedicationMatcher, seed_matcher
from screening.rules import evaluate
from screening.services import get_matcher

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Screen intake documents: FILE holds one JSON document or an array of them ('-' reads stdin)."
    # A data command run by batch jobs and integrations: the web checks (URLs, templates) are not its concern.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="A JSON file, or - for standard input.")

    def handle(self, *args: object, file: str, **options: object) -> None:
        payload = self.read(file)
        documents = payload if isinstance(payload, list) else [payload]
        problems = self.problems(documents, numbered=isinstance(payload, list))
        if problems:
            message = "nothing was screened; invalid input:\n" + "\n".join(problems)
            raise CommandError(message, returncode=INVALID_INPUT)
        matcher = self.matcher()
        if isinstance(payload, list):
            self.write_array(evaluate(document, matcher).to_dict() for document in documents)
        else:
            self.stdout.write(json.dumps(evaluate(payload, matcher).to_dict(), indent=2))

    def read(self, file: str) -> Any:
        try:
            if file == "-":
                return json.load(sys.stdin)
            with open(file, encoding="utf-8") as handle:
                return json.load(handle)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}", returncode=INVALID_INPUT) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is not valid JSON: {exc}", returncode=INVALID_INPUT) from exc
        except RecursionError as exc:
            raise CommandError(f"{file} is nested too deeply to read", returncode=INVALID_INPUT) from exc
        except ValueError as exc:
            # Python refuses longer digit strings (CVE-2020-10735); no field needs a fraction of that.
            message = f"{file} holds a number of more than {sys.get_int_max_str_digits()} digits"
            raise CommandError(message, returncode=INVALID_INPUT) from exc

    def problems(self, documents: list[Any], *, numbered: bool) -> list[str]:
        """One line per bad field, prefixed with the document's index when the input is an array."""
        return [
            f"[{index}] {error.message}" if numbered else error.message
            for index, document in enumerate(documents)
            for error in validate_document(document)
        ]

    def matcher(self) -> MedicationMatcher:
        try:
            return get_matcher()
        except DatabaseError:
            # Without a migrated database the command still works, on the specification's seed list.
            self.stderr.write("warning: no medication dictionary in the database; using the seed list")
            return seed_matcher()

    def write_array(self, results: Iterator[dict[str, Any]]) -> None:
        """A JSON array, one result per line, each written as soon as it is screened (a batch's output
        is never held in memory whole)."""
        separator = "[\n"
        for result in results:
            self.stdout.write(separator + json.dumps(result), ending="")
            separator = ",\n"
        self.stdout.write("[]" if separator == "[\n" else "\n]")
