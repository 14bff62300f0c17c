"""Print the current two-factor code of a demo staff account; refuses every other account."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.demo import current_code, demo_app


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo staff account (loaddemo's demo key only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="A demo staff account, for example clinician@demo.clinic.")

    def handle(self, *args: object, email: str, **options: object) -> None:
        device = demo_app(email)
        if device is None:
            raise CommandError(
                f"{email} is not a demo staff account with the demo authenticator key. "
                "Codes are printed only for the accounts loaddemo creates."
            )
        code, seconds = current_code(device)
        self.stdout.write(code)
        self.stderr.write(f"Valid for {seconds} more seconds; each code signs in once.")
