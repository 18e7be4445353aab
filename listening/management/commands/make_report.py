"""`python manage.py make_report --scope department|event:ID|project:ID [--from DATE --to DATE]
--version standard|large-print|easy-read --output FILE.pdf`: the same report the background job
makes, written to a file (councils script their publishing this way). It is kept in the list
of reports like any other."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from coproduction.documents import DocumentFormat
from listening import reports
from listening.models import Event, Report

# The command line spells the formats with hyphens, as councils' scripts already do.
VERSIONS = {value.replace("_", "-"): value for value in DocumentFormat.values}


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Dates look like 2026-04-01, not {text!r}.") from error


class Command(BaseCommand):
    help = "Makes a 'You said, we did' report as a PDF."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the report's version here, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve",
                                     **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--scope", required=True,
                            help="department, event:ID or project:ID")
        parser.add_argument("--from", dest="date_from", type=_date)
        parser.add_argument("--to", dest="date_to", type=_date)
        parser.add_argument("--version", dest="report_version", required=True,
                            choices=list(VERSIONS))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, scope, date_from, date_to, report_version, output, **options):
        from projects.models import Project

        kind, _, pk = scope.partition(":")
        params = {}
        try:
            if kind == "event" and pk.isdigit():
                params["event"] = Event.objects.get(pk=pk)
            elif kind == "project" and pk.isdigit():
                params["project"] = Project.objects.get(pk=pk)
            elif scope != "department":
                raise CommandError("--scope is department, event:ID or project:ID.")
        except (Event.DoesNotExist, Project.DoesNotExist) as error:
            raise CommandError(f"There is no {kind} {pk}.") from error
        try:
            report = reports.report_make_now(
                scope=kind, version=VERSIONS[report_version], date_from=date_from, date_to=date_to,
                **params)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.status != Report.Status.DONE:
            raise CommandError(report.reason or "The report was not made.")
        with report.file.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(f"Wrote {output} ({report.size} bytes): {report.title}")
