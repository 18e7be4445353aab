"""'You said, we did' reports: three versions for an event, a project and the department,
read back from the PDFs; the job claims its row, writes one file, fails visibly and can be
tried again."""

import re
import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from coproduction.documents import DocumentFormat
from listening import reports
from listening.models import Commitment, Report, Theme
from listening.services import commitment_create, commitment_update, feedback_create
from listening.tasks import make_report
from tests.listening.conftest import make_event
from tests.site_rules.projects import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(media_root):
    """This test's own uploads folder (tests/conftest.py)."""
    return media_root


@pytest.fixture
def world(people):
    staff = people.staff
    project = make_project(staff, title="Better short breaks for carers")
    forum = make_event(staff, days=-20, title="Carers' forum in Brookfield", project=project)
    library = make_event(staff, days=-10, title="Drop-in at Ashby library")
    waiting = Theme.objects.create(
        name="Waiting times", easy_read_text="People wait a long time for help.",
        easy_read_picture="waiting")
    transport = Theme.objects.create(name="Transport to services")
    said = feedback_create(event=forum, question="not_working", channel="paper",
                           text="I waited months for an assessment.", person=people.member,
                           consent_to_quote=True)
    said.themes.add(waiting)
    bus = feedback_create(event=library, question="not_working", channel="postcard",
                          text="There is no bus to the day centre.", consent_to_quote=False)
    bus.themes.add(transport)
    due = (timezone.now() + timedelta(days=30)).date()
    publish = commitment_create(
        created_by=staff, feedback_items=[said], themes=[waiting], event=forum, owner=staff,
        you_said="Assessments take too long.", we_will="Publish waiting times every month.",
        due_date=due)
    commitment_update(commitment=publish, status=Commitment.Status.DONE,
                      text="Waiting times are now on the website.", updated_by=staff)
    Commitment.objects.filter(pk=publish.pk).update(
        easy_read_text="We put waiting times on our website.", easy_read_picture="computer")
    buses = commitment_create(
        created_by=staff, feedback_items=[bus], themes=[transport], event=library, owner=staff,
        you_said="There is no bus to the day centre.", we_will="Run a minibus on Tuesdays.",
        due_date=due)
    commitment_update(commitment=buses, status=Commitment.Status.CANT_DO,
                      text="We looked at a minibus.", reason="The bus company said no.",
                      updated_by=staff)
    return {"project": project, "forum": forum, "library": library, "staff": staff}


def _request(world, scope, version):
    kwargs = {"event": world["forum"]} if scope == "event" else \
        {"project": world["project"]} if scope == "project" else {}
    with_commit = reports.report_request(scope=scope, version=version,
                                         requested_by=world["staff"], **kwargs)
    return with_commit


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _word_heights(path):
    """[(word, height in points, x)] from pdftotext's bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(word, float(y2) - float(y1), float(x1)) for x1, y1, _, y2, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


# Liberation Sans: a word's box is ascent + descent, 1.117 × the font size.
BOX_PER_POINT = 1.117


EXPECTED = {
    "event": (["Waiting times", "Publish waiting times every month"],
              ["Run a minibus on Tuesdays", "Transport to services"]),
    "project": (["Waiting times", "Publish waiting times every month"],
                ["Run a minibus on Tuesdays"]),
    "department": (["Waiting times", "Transport to services",
                    "Publish waiting times every month", "Run a minibus on Tuesdays"], []),
}
STATUS_WORDS = {
    "standard": ["Done", "We can't do this"],
    "large_print": ["Done", "We can't do this"],
    "easy_read": ["We have done this.", "We cannot do this."],
}


@pytest.mark.parametrize("scope", ["event", "project", "department"])
@pytest.mark.parametrize("version", ["standard", "large_print", "easy_read"])
def test_each_version_of_each_scope_is_a_tagged_pdf_with_what_was_said_and_done(
        world, scope, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = _request(world, scope, version)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.reason
    assert report.size == report.file.size > 1000
    text = " ".join(_pdf_text(report.file.path).split())
    present, absent = EXPECTED[scope]
    easy_words = {  # what staff wrote, or the plain fallback
        "Publish waiting times every month": "We put waiting times on our website.",
        "Waiting times": "People wait a long time for help.",
        "Transport to services": "You talked about: Transport to services."}
    for words in present:
        if version == "easy_read":
            words = easy_words[words] if words in easy_words else words
        assert words in text, words
    for words in absent:
        assert words not in text, words
    done_word, cant_word = STATUS_WORDS[version]
    assert done_word in text
    if scope == "department":
        assert cant_word in text
        if version != "easy_read":
            assert "The bus company said no." in text  # the reason we can't
    if version != "easy_read":
        assert "Waiting times are now on the website." in text  # the latest update
    assert "I waited months for an assessment." in text or version == "easy_read"
    assert "Mo Member" not in text  # quotes never carry names
    assert "There is no bus to the day centre." not in text or scope != "event"

    _assert_tagged(report.file.path, report.title)


def _assert_tagged(path, title):
    """A structure tree, the title shown as the window title, the language, and alt text on
    every figure."""
    from pypdf import PdfReader

    pdf = PdfReader(path)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] in ("en-GB", "en-gb")
    assert pdf.metadata.title == f"{title} – Northshire County Council"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    figures, stack = [], [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if hasattr(node, "get") and node.get("/S") == "/Figure":
            figures.append(node)
        kids = node.get("/K", []) if hasattr(node, "get") else []
        stack.extend(kids if isinstance(kids, list) else [kids])
    assert figures and all(figure.get("/Alt") for figure in figures)
    assert pdf.outline  # bookmarks from the headings


def test_large_print_body_is_at_least_16pt_and_easy_read_at_least_14pt(
        world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        large = _request(world, "department", "large_print")
        easy = _request(world, "department", "easy_read")
        standard = _request(world, "department", "standard")
    for report, smallest in ((large, 16), (easy, 14)):
        report.refresh_from_db()
        sizes = [height / BOX_PER_POINT for _, height, _ in _word_heights(report.file.path)]
        assert sizes and min(sizes) >= smallest - 0.1, (report.version, min(sizes))
    standard.refresh_from_db()
    sizes = [height / BOX_PER_POINT for _, height, _ in _word_heights(standard.file.path)]
    assert min(sizes) < 14  # the check does find small type


def test_easy_read_has_a_picture_left_of_each_point(world):
    report = Report.objects.create(title="t", scope=Report.Scope.DEPARTMENT,
                                   version=DocumentFormat.EASY_READ)
    data = reports.report_data(report)
    html = reports.report_html(data)
    points = re.findall(r'<div class="easy-read-point">\s*<img src="([^"]+)" alt="([^"]+)"'
                        r'[^>]*>\s*<div class="easy-read-text">', html)
    # the listening point, two themes, two commitments, phone and email
    assert len(points) == 7 == html.count('class="easy-read-point"')
    assert ("build/pictograms/waiting.svg", "An hourglass: waiting") in points
    assert ("build/pictograms/computer.svg", "A computer") in points
    pdf = reports.report_pdf(data)
    path = report_path = pytest.importorskip("pathlib").Path(
        __import__("tempfile").mkdtemp()) / "easy.pdf"
    path.write_bytes(pdf)
    # Each point's words start right of its picture (the left margin plus the picture).
    words = {word: x for word, _, x in _word_heights(report_path)}
    assert words["wait"] > words["What"] + 70  # "What you told us" heading at the margin
    structure = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True,
                               text=True, check=True).stdout
    assert structure.count("Figure") >= 7


def test_templates_run_no_queries_and_the_data_takes_a_fixed_number(
        world, django_assert_num_queries, django_assert_max_num_queries):
    report = Report.objects.create(title="t", scope=Report.Scope.DEPARTMENT,
                                   version=DocumentFormat.STANDARD)
    report = Report.objects.select_related("event", "project", "topic", "area").get(
        pk=report.pk)
    # themes, item count, quotes, status counts, commitments + their themes and updates,
    # channels, people, events
    with django_assert_max_num_queries(12):
        data = reports.report_data(report)
    with django_assert_num_queries(0):
        reports.report_pdf(data)
        reports.report_html(data)


@pytest.mark.parametrize("version", ["standard", "large_print", "easy_read"])
def test_co_hosting_partners_are_named_on_event_and_project_reports(
        world, version, tmp_path, django_assert_num_queries):
    from stories.models import Partner

    carers = Partner.objects.create(name="Northshire Carers' Centre", what_they_do="Carers.")
    carers.events.set([world["forum"]])  # an event of the project
    healthwatch = Partner.objects.create(name="Healthwatch Northshire", what_they_do="Views.")
    healthwatch.projects.set([world["project"]])
    library = Partner.objects.create(name="Ashby Library Friends", what_they_do="Books.")
    library.events.set([world["library"]])  # not the project's

    def data_for(scope, **kwargs):
        report = Report(scope=scope, version=version, title="You said, we did", **kwargs)
        return reports.report_data(report)

    event = data_for(Report.Scope.EVENT, event=world["forum"])
    project = data_for(Report.Scope.PROJECT, project=world["project"])
    department = data_for(Report.Scope.DEPARTMENT)
    assert event.co_hosts == ["Northshire Carers' Centre"]
    assert project.co_hosts == ["Healthwatch Northshire", "Northshire Carers' Centre"]
    assert project.co_hosted_with == "Healthwatch Northshire and Northshire Carers' Centre"
    assert department.co_hosts == []

    with django_assert_num_queries(0):  # the names are in the data, not fetched by templates
        pdf = reports.report_pdf(project)
        department_html = reports.report_html(department)
    path = tmp_path / "project.pdf"
    path.write_bytes(pdf)
    text = " ".join(_pdf_text(path).split())
    said = "We did this with" if version == "easy_read" else "Co-hosted with"
    assert f"{said} Healthwatch Northshire and Northshire Carers' Centre." in text
    assert "Ashby Library Friends" not in text
    assert "Co-hosted with" not in department_html and "We did this with" not in department_html


def test_running_the_job_twice_makes_one_file(world, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = _request(world, "event", "standard")
    assert make_report(report.pk) == "skipped"  # already done: the claim fails
    report.refresh_from_db()
    assert report.attempts == 1
    files = list((media / "reports").rglob("*.pdf"))
    assert [f.name for f in files] == [f"you-said-we-did-{report.pk}-standard.pdf"]


def test_asking_twice_while_waiting_gives_the_same_report(world):
    first = _request(world, "event", "standard")  # the job waits for the commit
    second = _request(world, "event", "standard")
    assert first.pk == second.pk
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_identical_report_in_the_making(world):
    from django.db import IntegrityError, transaction

    first = _request(world, "event", "standard")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(title="again", scope="event", event=world["forum"],
                              version="standard", request_key=first.request_key)
    # Once it is made, the same report may be asked for again (new data, new file).
    Report.objects.filter(pk=first.pk).update(status=Report.Status.DONE)
    assert _request(world, "event", "standard").pk != first.pk


def test_a_failed_job_says_why_and_can_be_tried_again_into_one_file(
        world, media, monkeypatch, django_capture_on_commit_callbacks):
    real = reports.report_pdf

    def broken(data):
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(reports, "report_pdf", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        _request(world, "event", "large_print")
    report = Report.objects.get()
    assert report.status == Report.Status.FAILED
    assert "Try again" in report.reason and "fire" not in report.reason
    assert not report.file

    monkeypatch.setattr(reports, "report_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert reports.report_try_again(report=report)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2
    assert len(list((media / "reports").rglob("*.pdf"))) == 1


def test_a_worker_lost_mid_job_leaves_the_report_runnable_again(world, media):
    report = _request(world, "event", "standard")
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING,
                                               started_at=timezone.now())
    assert make_report(report.pk) == "skipped"  # another worker may still have it
    assert not reports.report_try_again(report=report)
    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - reports.STALE_AFTER - timedelta(seconds=1))
    assert make_report(report.pk) == "done"  # the redelivered job takes it over
    assert len(list((media / "reports").rglob("*.pdf"))) == 1


def test_a_temporary_error_is_retried(world, media, monkeypatch):
    from celery.exceptions import Retry
    from django.core.files.storage import default_storage

    report = _request(world, "event", "standard")
    real_save, calls = default_storage.save, []

    def flaky(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 1:
            raise OSError("disk busy")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", flaky)
    with pytest.raises(Retry):
        make_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED  # back in the queue for the retry
    make_report.apply(args=[report.pk])  # the retry (eager mode does not run it by itself)
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == Report.Status.DONE
    assert len(list((media / "reports").rglob("*.pdf"))) == 1


def test_pdfs_read_only_the_portals_static_files(tmp_path):
    from coproduction.documents import html_to_pdf

    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                      '<text y="10">SECRET</text></svg>')
    html = ('<html lang="en-GB"><head><title>T</title></head><body><p>Hello</p>'
            f'<img src="file://{secret}" alt="a"><img src="https://example.org/x.png" alt="b">'
            '<img src="build/pictograms/done.svg" alt="A tick"></body></html>')
    path = tmp_path / "out.pdf"
    path.write_bytes(html_to_pdf(html))
    text = _pdf_text(path)
    assert "Hello" in text and "SECRET" not in text


def test_make_report_command_writes_the_pdf(world, tmp_path):
    out = tmp_path / "event.pdf"
    call_command("make_report", "--scope", f"event:{world['forum'].pk}", "--version",
                 "easy-read", "--output", str(out))
    assert "People wait a long time for help." in " ".join(_pdf_text(out).split())
    out = tmp_path / "department.pdf"
    call_command("make_report", "--scope", "department", "--from", "2020-01-01", "--to",
                 "2099-12-31", "--version", "standard", "--output", str(out))
    assert "Run a minibus on Tuesdays" in _pdf_text(out)


def test_quarterly_reports_tell_our_voice_once_in_their_format(
        world, people, django_capture_on_commit_callbacks):
    from people.models import Format, Notification
    from people.services import profile_get_or_create

    profile = profile_get_or_create(person=people.our_voice)
    profile.formats = [Format.EASY_READ]
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        made = reports.quarterly_reports()
    assert sorted(r.version for r in made) == sorted(DocumentFormat.values)
    assert all(r.date_from.day == 1 for r in made)
    with django_capture_on_commit_callbacks(execute=True):
        again = reports.quarterly_reports()
    assert {r.pk for r in again} == {r.pk for r in made}
    told = Notification.objects.filter(person=people.our_voice)
    assert told.count() == 1
    easy = Report.objects.get(version=DocumentFormat.EASY_READ, tell_our_voice=True)
    assert told.get().url == easy.get_absolute_url()
    assert not Notification.objects.filter(person=people.member).exists()


def test_report_statuses_move_only_as_declared(world):
    from django.core.exceptions import ValidationError

    report = _request(world, "event", "standard")
    reports.report_fail(report.pk, "Nothing was running.")
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED  # only a running job can fail
    with pytest.raises(ValidationError, match="A report that is ready cannot move to"):
        Report.MOVES.check(Report.Status.DONE, Report.Status.QUEUED)


def test_last_quarter():
    from datetime import date

    assert reports.last_quarter(date(2026, 12, 2)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert reports.last_quarter(date(2026, 1, 5)) == (date(2025, 10, 1), date(2025, 12, 31))


def test_reports_stored_with_the_old_spelling_are_respelt(world):
    """listening 0006: "large-print" and "easy-read" rows become DocumentFormat values, their
    request key too (so the one-at-a-time constraint still matches new requests)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("listening.migrations.0006_one_spelling_for_document_formats")
    report = reports.report_request(scope="event", event=world["forum"], version="easy_read",
                                    queue=False)
    Report.objects.filter(pk=report.pk).update(
        version="easy-read", request_key=report.request_key.replace("easy_read", "easy-read"))
    migration.respell(apps, None)
    report.refresh_from_db()
    assert report.version == DocumentFormat.EASY_READ
    assert report.request_key == report.make_request_key()
    again = reports.report_request(scope="event", event=world["forum"], version="easy_read",
                                   queue=False)
    assert again.pk == report.pk  # still recognised as the same report being made
