"""The one way the portal makes files people download: PDFs (WeasyPrint), CSV and calendar
(.ics) files, so that escaping, fonts and headers are right everywhere."""

import csv
import io
import signal
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from icalendar import Calendar, Event


def static_roots() -> list[Path]:
    """The only folders WeasyPrint may read from: the portal's own static files."""
    return [Path(folder).resolve() for folder in [*settings.STATICFILES_DIRS,
                                                  settings.STATIC_ROOT]]


def _static_url_fetcher():
    from weasyprint.urls import URLFetcher

    class StaticFilesOnly(URLFetcher):
        """Fetches file:// URLs inside the static folders and nothing else: no other file,
        nothing over the network. A refused URL is left out of the document."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"Only the portal's static files may be used: {url}")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in static_roots()):
                raise ValueError(f"Only the portal's static files may be used: {url}")
            return super().fetch(url, headers)

    return StaticFilesOnly(allowed_protocols=("file",), allow_redirects=False, timeout=5)


def document_html(template_name: str, context: dict) -> str:
    """The HTML of a printed document, with the council's branding in the context."""
    return render_to_string(template_name, {
        **context,
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "council_contact_email": settings.COUNCIL_CONTACT_EMAIL,
        "council_phone": settings.COUNCIL_PHONE,
        "site_url": settings.SITE_URL,
    })


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: a tagged PDF (PDF/UA-1: structure tree, title, language, bookmarks
    from the headings, embedded fonts) that may read only the portal's static files."""
    from weasyprint import HTML  # imported late: it loads system libraries

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static"),
                url_fetcher=_static_url_fetcher()).write_pdf(pdf_variant="pdf/ua-1")


class DocumentFormat(models.TextChoices):
    """The printed formats, one spelling everywhere: a member's chosen format
    (people.Format), reports (listening.Report.version), meeting papers and every PDF.
    css/print.css gives each its design: standard 12pt; large print 18pt, left aligned, one
    column, footers and page numbers at body size; easy read 16pt with a picture beside each
    point, in words written for it (each document's `<name>_easy_read.html`)."""

    STANDARD = "standard", "Standard"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"


def render_pdf(template_name: str, context: dict, *,
               version: str = DocumentFormat.STANDARD) -> bytes:
    """A PDF from an HTML template in print style. The context must be fully loaded already
    (lists, not querysets): rendering a PDF runs no queries. The template sets the title
    (<title>) and the language (<html lang>); images need alt text. `version` (a
    DocumentFormat) picks the printed format for templates extending
    documents/base_print.html."""
    if version not in DocumentFormat.values:
        raise ValueError(f"Unknown document format: {version}")
    return html_to_pdf(document_html(template_name, {**context, "document_version": version}))


def document_template(template_name: str, version: str) -> str:
    """Standard and large print share their words (print.css changes the design); easy read
    is written for itself, in `<name>_easy_read.html` beside `<name>.html`."""
    if version == DocumentFormat.EASY_READ:
        return template_name.removesuffix(".html") + "_easy_read.html"
    return template_name


class DocumentTooSlow(Exception):
    """A PDF made while someone waits took longer than settings.DOCUMENT_TIME_LIMIT."""


@contextmanager
def time_limit(seconds: float):
    """Like the soft time limit Celery gives report jobs: after `seconds` the code inside is
    interrupted with DocumentTooSlow. It uses SIGALRM, which reaches only the main thread:
    gunicorn's sync workers (production) and the test client run requests there; in another
    thread (the threaded development server) no limit applies."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def too_slow(signum, frame):
        raise DocumentTooSlow(f"Took more than {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def document_response(request, template_name: str, context: dict, *, version: str,
                      filename: str) -> HttpResponse:
    """A document made while the person waits (a certificate, a letter, the payments
    policy), in the format asked for: the PDF, or, when it takes longer than
    DOCUMENT_TIME_LIMIT seconds, a page saying so (503) instead of an error."""
    try:
        with time_limit(settings.DOCUMENT_TIME_LIMIT):
            pdf = render_pdf(document_template(template_name, version), context,
                             version=version)
    except DocumentTooSlow:
        return render(request, "documents/too_slow.html", {
            "error_title": "Your document is taking too long", "back": request.get_full_path()},
            status=503)
    stem, _, extension = filename.rpartition(".")
    if version != DocumentFormat.STANDARD:
        filename = f"{stem}-{version.replace('_', '-')}.{extension}"
    return pdf_response(pdf, filename)


def url_in_format(url: str, version: str) -> str:
    """A page's address in a printed format (the page reads ?format=): for messages, so
    that someone who reads easy read or large print is sent straight to their version."""
    if version == DocumentFormat.STANDARD:
        return url
    return f"{url}{'&' if '?' in url else '?'}format={version}"


def document_format_asked(request, *, default: str) -> str:
    """The format in ?format= (links let people pick one without JavaScript), else
    `default`: normally the reader's own (people.selectors.document_format_for)."""
    asked = request.GET.get("format", "")
    return asked if asked in DocumentFormat.values else default


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _safe_cell(value):
    # A cell starting with = + - @ is run as a formula by spreadsheet programs.
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_event(*, uid: str, title: str, starts_at: datetime, ends_at: datetime,
                   description: str = "", location: str = "", url: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://')[-1]}")
    event.add("summary", title)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("dtstamp", starts_at)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", settings.SITE_URL + url)
    return event


def calendar_bytes(events: list[Event], *, name: str = "") -> bytes:
    """A calendar (.ics) file holding `events` (made with calendar_event): for downloads,
    feeds and email attachments alike."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COUNCIL_NAME}//{settings.SERVICE_NAME}//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(filename: str, events: list[Event], *, name: str = "") -> HttpResponse:
    response = HttpResponse(calendar_bytes(events, name=name),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
