from django.core.management.base import BaseCommand
from django.db import transaction

from people import demo as people_demo

# Each room seeds its own demo data, in the order the rooms depend on each other.
SEEDERS = [people_demo.seed]


class Command(BaseCommand):
    help = "Loads realistic demo data. Safe to run again: it creates no duplicates."

    @transaction.atomic
    def handle(self, *args, **options):
        for seed in SEEDERS:
            seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
