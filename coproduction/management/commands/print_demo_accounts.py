from django.core.management.base import BaseCommand

from people.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Prints the demo accounts, one per role, and how to sign in as each."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        url = f"http://127.0.0.1:{options['port']}"
        self.stdout.write(f"\nThe portal is at {url}\n")
        self.stdout.write(f"Sign in at {url}/accounts/login/ with password: {DEMO_PASSWORD}\n")
        for role, email, _name in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<10} {email}")
        self.stdout.write(
            "\nEmails (sign-in codes, verification links) are printed in this terminal.\n"
        )
