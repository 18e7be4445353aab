"""The report pages: staff ask for a report and watch it, try again, publish; everyone reads
published reports in all three versions; staff write easy-read words with a picture."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from listening import reports
from listening.models import Commitment, Report, Theme
from listening.services import commitment_create, feedback_create
from tests.listening.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(media_root):
    """This test's own uploads folder (tests/conftest.py)."""
    return media_root


@pytest.fixture
def forum(people):
    from datetime import timedelta

    from django.utils import timezone

    event = make_event(people.staff, days=-5, title="Carers' forum in Brookfield")
    theme = Theme.objects.create(name="Waiting times")
    item = feedback_create(event=event, question="not_working", channel="paper",
                           text="I waited months.", consent_to_quote=True)
    item.themes.add(theme)
    commitment_create(created_by=people.staff, feedback_items=[item], themes=[theme],
                      event=event, owner=people.staff, you_said="Assessments take too long.",
                      we_will="Publish waiting times every month.",
                      due_date=(timezone.now() + timedelta(days=30)).date())
    return event


def _done(event, version, *, published=False, title="You said, we did: Carers' forum"):
    report = Report.objects.create(title=title, scope=Report.Scope.EVENT, event=event,
                                   version=version, status=Report.Status.DONE, size=9,
                                   is_published=published)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7 "), save=True)
    return report


def test_staff_ask_for_all_three_versions_and_see_them_made(
        client_for, people, forum, django_capture_on_commit_callbacks):
    client = client_for(people.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("listening:report_request"), {
            "scope": "event", "event": forum.pk,
            "versions": ["standard", "large_print", "easy_read"]})
    made = list(Report.objects.order_by("pk"))
    assert [r.version for r in made] == ["standard", "large_print", "easy_read"]
    assert response.url == reverse("listening:report_status", args=[made[0].pk])
    assert all(r.requested_by == people.staff for r in Report.objects.all())
    assert {r.status for r in Report.objects.all()} == {Report.Status.DONE}
    html = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in html  # all made: no more refreshing
    for report in made:
        assert reverse("listening:report_download", args=[report.pk]) in html
    listing = client.get(reverse("listening:report_list")).content.decode()
    assert "Sita Staff" in listing and "Easy read" in listing


def test_the_status_page_refreshes_itself_while_waiting_and_offers_try_again_on_failure(
        client_for, people, forum):
    report = reports.report_request(scope="event", event=forum, version="standard",
                                    requested_by=people.staff)  # queued: not committed yet
    client = client_for(people.staff)
    url = reverse("listening:report_status", args=[report.pk])
    html = client.get(url).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html
    assert "Waiting to start" in html and "Try again" not in html

    assert reports.report_claim(report.pk)  # a worker takes it, then it fails
    reports.report_fail(report.pk, "The report took too long to make.")
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "The report took too long to make." in html and "Try again" in html
    response = client.post(reverse("listening:report_try_again", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED and report.reason == ""


def test_published_reports_are_listed_for_everyone_in_all_three_versions(
        client_for, people, forum):
    standard = _done(forum, "standard")
    large = _done(forum, "large_print")
    easy = _done(forum, "easy_read")
    staff = client_for(people.staff)
    for report in (standard, large, easy):
        assert staff.post(reverse("listening:report_publish", args=[report.pk])).status_code \
            == 302
    visitor = client_for(None)
    html = visitor.get(reverse("listening:published_reports")).content.decode()
    for report in (standard, large, easy):
        assert reverse("listening:report_page", args=[report.pk]) in html
        assert reverse("listening:report_download", args=[report.pk]) in html
    positions = [html.index(reverse("listening:report_page", args=[r.pk]))
                 for r in (standard, large, easy)]
    assert positions == sorted(positions)  # standard, large print, easy read
    page = visitor.get(reverse("listening:report_page", args=[easy.pk])).content.decode()
    assert 'class="report report--easy_read"' in page
    assert "You talked about: Waiting times." in page
    assert reverse("listening:report_page", args=[large.pk]) in page  # the other versions
    download = visitor.get(reverse("listening:report_download", args=[easy.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_an_unpublished_report_is_for_staff_and_our_voice_only(client_for, people, forum):
    report = _done(forum, "standard")
    url = reverse("listening:report_page", args=[report.pk])
    assert client_for(None).get(url).status_code == 404
    assert client_for(people.member).get(url).status_code == 404
    assert client_for(people.our_voice).get(url).status_code == 200
    assert client_for(people.staff).get(url).status_code == 200
    assert client_for(people.member).get(
        reverse("listening:report_download", args=[report.pk])).status_code == 404


def test_only_a_ready_report_can_be_published(client_for, people, forum):
    report = reports.report_request(scope="event", event=forum, version="standard",
                                    requested_by=people.staff)
    client_for(people.staff).post(reverse("listening:report_publish", args=[report.pk]))
    report.refresh_from_db()
    assert not report.is_published


@pytest.mark.parametrize("version", ["standard", "large_print", "easy_read"])
def test_each_web_version_runs_a_fixed_number_of_queries(
        client_for, people, forum, version, django_assert_max_num_queries):
    report = _done(forum, version, published=True)
    client = client_for(None)
    url = reverse("listening:report_page", args=[report.pk])
    # session, report, report data (~10), other versions
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_builder_lists_what_has_no_easy_read_words_and_saves_them(
        client_for, people, forum, settings, django_capture_on_commit_callbacks):
    settings.DASHBOARD_CACHE_SECONDS = 600  # the theme counts are kept, as in production
    theme = Theme.objects.get()
    commitment = Commitment.objects.get()
    client = client_for(people.staff)
    html = client.get(reverse("listening:easy_read_builder")).content.decode()
    assert reverse("listening:easy_read_theme", args=[theme.pk]) in html
    assert reverse("listening:easy_read_commitment", args=[commitment.pk]) in html

    url = reverse("listening:easy_read_theme", args=[theme.pk])
    form = client.get(url).content.decode()
    assert 'src="/static/build/pictograms/waiting.svg"' in form  # the picture picker
    too_long = ("People told us that they wait far too long for an assessment of their care "
                "and support needs.")
    response = client.post(url, {"easy_read_text": too_long, "easy_read_picture": "waiting"})
    assert response.status_code == 200
    assert too_long in response.content.decode()
    theme.refresh_from_db()
    assert theme.easy_read_text == ""

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"easy_read_text": "People wait a long time.",
                                     "easy_read_picture": "waiting"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.easy_read_text, theme.easy_read_picture) == ("People wait a long time.",
                                                               "waiting")
    html = client.get(reverse("listening:easy_read_builder")).content.decode()
    assert reverse("listening:easy_read_theme", args=[theme.pk]) not in html
    response = client.post(url, {"easy_read_text": "Fine words.", "easy_read_picture": "nope"})
    assert response.status_code == 200  # not a picture from the set


def test_the_request_form_asks_for_the_event_when_the_report_is_about_one(
        client_for, people):
    response = client_for(people.staff).post(reverse("listening:report_request"), {
        "scope": "event", "versions": ["standard"]})
    assert "Choose the event the report is about" in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_left_running_by_a_dead_worker_can_be_tried_again(client_for, people, forum):
    from django.utils import timezone

    report = reports.report_request(scope="event", event=forum, version="standard",
                                    requested_by=people.staff)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING,
                                               started_at=timezone.now())
    client = client_for(people.staff)
    url = reverse("listening:report_status", args=[report.pk])
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' in html and "Try again" not in html
    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - reports.STALE_AFTER - timezone.timedelta(minutes=1))
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in html and "Try again" in html


def test_easy_read_words_are_checked_in_the_stricter_mode_as_staff_type(
        client_for, people, forum):
    theme = Theme.objects.get()
    html = client_for(people.staff).get(
        reverse("listening:easy_read_theme", args=[theme.pk])).content.decode()
    assert 'data-plain-language-max-words="15"' in html
    assert "js/plain-language.js" in html
