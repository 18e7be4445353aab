"""How long each version of a department report takes with 500 feedback items and 100
commitments, beside WeasyPrint alone on the same HTML (not a test: it prints figures).

    .venv/bin/python scripts/benchmark_reports.py

It builds its own data in a throwaway SQLite database under a temporary folder, so it never
touches the portal's database or files. The target (issue 11): each version within 1.5× of
WeasyPrint alone.
"""

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEMP = Path(tempfile.mkdtemp(prefix="benchmark-reports-"))
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "coproduction.settings", "DEBUG": "true",
    "VAR_DIR": str(TEMP), "DATABASE_URL": f"sqlite:///{TEMP / 'benchmark.sqlite3'}",
    "CELERY_TASK_ALWAYS_EAGER": "true"})

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def build_data():
    from listening.models import (
        Commitment,
        CommitmentUpdate,
        Event,
        EventKind,
        FeedbackItem,
        Theme,
    )
    from people.models import User

    call_command("migrate", verbosity=0)
    staff = User.objects.create_user(email="bench@example.org", password="x" * 20,
                                     name="Bench Staff", is_council_staff=True)
    kind = EventKind.objects.get_or_create(slug="listening-space",
                                           defaults={"name": "Listening space"})[0]
    now = timezone.now()
    events = [Event.objects.create(kind=kind, title=f"Listening space {n}", description="x",
                                   starts_at=now - timedelta(days=10 * n),
                                   ends_at=now - timedelta(days=10 * n, hours=-2),
                                   venue="Library") for n in range(1, 6)]
    themes = [Theme.objects.create(name=f"Theme {n}", easy_read_text=f"People said thing {n}.",
                                   easy_read_picture="talking") for n in range(12)]
    items = FeedbackItem.objects.bulk_create([FeedbackItem(
        event=events[n % 5], question="not_working", channel="paper",
        text=f"Comment number {n}: the wait for help was too long and nobody told me why.",
        consent_to_quote=n % 7 == 0, created_at=now - timedelta(days=n % 45))
        for n in range(500)])
    for n, item in enumerate(items):
        item.themes.add(themes[n % 12])
    statuses = [s for s, _ in Commitment.Status.choices]
    for n in range(100):
        status = statuses[n % 4]
        commitment = Commitment.objects.create(
            event=events[n % 5], you_said=f"Point {n}: people wait too long for help.",
            we_will=f"Action {n}: publish waiting times every month and explain delays.",
            owner=staff, due_date=now.date() + timedelta(days=30), status=status,
            reason="There is no budget this year." if status == "cant_do" else "",
            easy_read_text=f"We will do thing {n}.", easy_read_picture="plan",
            created_at=now - timedelta(days=n % 40))
        commitment.themes.add(themes[n % 12])
        CommitmentUpdate.objects.create(commitment=commitment, status=status,
                                        text=f"Update on action {n}.", created_by=staff)


def timed(function, repeat=3):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def _pages(pdf: bytes) -> str:
    path = TEMP / "pages.pdf"
    path.write_bytes(pdf)
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    except FileNotFoundError:  # poppler-utils not installed
        return "?"
    return next((line.split()[-1] for line in info.splitlines()
                 if line.startswith("Pages:")), "?")


def main():
    from coproduction.documents import DocumentFormat, html_to_pdf
    from listening import reports
    from listening.models import Report

    build_data()
    today = timezone.localdate()
    html_to_pdf("<html lang='en-GB'><title>warm up</title><p>Warm up</p></html>")
    print("Department report, 500 feedback items, 100 commitments (best of 3 runs)")
    print(f"{'version':<12} {'whole job':>10} {'WeasyPrint':>11} {'ratio':>6} {'pages':>6}")
    for version in DocumentFormat.values:
        report = reports.report_request(scope=Report.Scope.DEPARTMENT, version=version,
                                        date_from=today - timedelta(days=365), date_to=today,
                                        queue=False)

        def whole_job(report=report):
            # What the job does: load the data, render the HTML, print it, store one file.
            Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
            claimed = reports.report_claim(report.pk)
            return reports.report_build(claimed)

        job_seconds, made = timed(whole_job)
        html = reports.report_html(reports.report_data(made))
        alone_seconds, pdf = timed(lambda html=html: html_to_pdf(html))
        pages = _pages(pdf)
        print(f"{version:<12} {job_seconds:>9.2f}s {alone_seconds:>10.2f}s "
              f"{job_seconds / alone_seconds:>5.2f}x {pages:>6}")


if __name__ == "__main__":
    main()
