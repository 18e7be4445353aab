from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from people.models import Notification

# Each room seeds its own demo data in `<room>/demo.py` (a `seed(stdout=...)` function), in
# the order the rooms depend on each other (messaging last: it settles what the others said).
ROOMS = ["people", "projects", "listening", "payments", "learning", "stories", "messaging"]


class Command(BaseCommand):
    help = "Loads realistic demo data. Safe to run again: it creates no duplicates."

    @transaction.atomic
    def handle(self, *args, **options):
        for room in ROOMS:
            if find_spec(f"{room}.demo") is not None:
                import_module(f"{room}.demo").seed(stdout=self.stdout)
        # People with no email address, and what staff did for them in every room.
        import_module("people.demo_offline").seed(stdout=self.stdout)
        # The demo's people are made up: what the seed told them counts as sent, so the worker
        # does not email (or print) dozens of messages when the demo starts.
        Notification.objects.filter(sent_at__isnull=True).update(sent_at=timezone.now())
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
