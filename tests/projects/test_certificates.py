"""Certificates of involvement: only where there is something to certify (the person came to
at least one meeting), with the true dates of their first and last meeting, how many meetings
and how many hours."""

import subprocess
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import selectors, services
from projects.models import Interest, Membership, Session, Status
from tests.conftest import make_user
from tests.site_rules.projects import make_project


def _meeting(project, day, hours=2):
    starts = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=10))
    return Session.objects.create(project=project, title=f"Meeting {day}", starts_at=starts,
                                  ends_at=starts + timedelta(hours=hours), venue="Library")


def _came(session, person, hours, by):
    services.attendance_mark(session=session, hours_by_person={person.pk: Decimal(hours)},
                             by=by)


def _pdf_text(response):
    return subprocess.run(["pdftotext", "-", "-"], input=response.content,
                          capture_output=True, check=True).stdout.decode()


@pytest.fixture
def year(people):
    """A project that ran over a year; the person joined long after the project began."""
    project = make_project(people.staff, status=Status.CLOSED, starts_on=datetime(2025, 1, 6),
                           ends_on=datetime(2026, 3, 27), outcome_summary="Better breaks.")
    Membership.objects.create(project=project, person=people.member)
    days = [datetime(2025, 3, 4), datetime(2025, 6, 10), datetime(2025, 11, 18)]
    sessions = [_meeting(project, d.date()) for d in days]
    _meeting(project, datetime(2026, 2, 3).date())  # a meeting they missed
    _came(sessions[0], people.member, "2", people.staff)
    _came(sessions[1], people.member, "1.5", people.staff)
    _came(sessions[2], people.member, "2", people.staff)
    return project


@pytest.mark.django_db
def test_the_certificate_has_the_true_first_and_last_meeting_meetings_and_hours(people, year):
    context = selectors.certificate(year, people.member)
    assert (context["first_day"], context["last_day"]) == (datetime(2025, 3, 4).date(),
                                                           datetime(2025, 11, 18).date())
    assert (context["sessions"], context["hours"]) == (3, Decimal("5.50"))


@pytest.mark.django_db
def test_the_certificate_says_it_in_words(people, year, client_for):
    response = client_for(people.member).get(reverse("projects:certificate", args=[year.pk]))
    text = " ".join(_pdf_text(response).split())
    assert "from 4 March 2025 to 18 November 2025" in text
    assert "3 meetings, 5.5 hours in all" in text


@pytest.mark.django_db
def test_one_meeting_is_certified_as_that_day(people, project, client_for):
    Membership.objects.create(project=project, person=people.member)
    day = timezone.localdate() - timedelta(days=7)
    _came(_meeting(project, day, hours=1), people.member, "1", people.staff)
    response = client_for(people.member).get(reverse("projects:certificate",
                                                     args=[project.pk]))
    text = " ".join(_pdf_text(response).split())
    assert f"on {day.day} {day:%B %Y}" in text and "1 meeting, 1 hour in all" in text


@pytest.mark.django_db
def test_no_certificate_for_someone_who_has_not_come_to_a_meeting(people, project, client_for):
    membership = Membership.objects.create(project=project, person=people.member)
    _meeting(project, timezone.localdate() - timedelta(days=3))
    assert selectors.certificate(project, people.member) is None
    member = client_for(people.member)
    url = reverse("projects:certificate", args=[project.pk])
    assert member.get(url).status_code == 404
    assert url not in member.get(project.get_absolute_url()).content.decode()
    assert url not in member.get(reverse("projects:mine")).content.decode()
    assert membership.active


@pytest.mark.django_db
def test_no_certificate_for_someone_who_only_asked_to_join(people, project, client_for):
    Interest.objects.create(project=project, person=people.member)
    url = reverse("projects:certificate", args=[project.pk])
    assert client_for(people.member).get(url).status_code == 404


@pytest.mark.django_db
def test_the_certificate_is_offered_once_they_have_come(people, year, client_for):
    url = reverse("projects:certificate", args=[year.pk])
    assert url in client_for(people.member).get(reverse("projects:mine")).content.decode()


@pytest.mark.django_db
def test_someone_who_left_keeps_the_certificate_for_what_they_did(people, year):
    membership = Membership.objects.get(project=year, person=people.member)
    services.membership_end(membership=membership, by=people.member)
    context = selectors.certificate(year, people.member)
    assert context["sessions"] == 3


@pytest.mark.django_db
def test_a_certificate_is_only_ever_for_the_person_asking(people, year, client_for):
    url = reverse("projects:certificate", args=[year.pk])
    assert client_for(people.staff).get(url).status_code == 404
    assert client_for(make_user("x@test.example", "Xia")).get(url).status_code == 404


@pytest.mark.django_db
def test_the_co_chair_is_certified_as_co_chair(people, client_for):
    chair = make_user("chair@test.example", "Cora Chair")
    project = make_project(people.staff, status=Status.RUNNING, lived_experience_co_chair=chair)
    services.project_save(project=project, by=people.staff)
    _came(_meeting(project, timezone.localdate() - timedelta(days=2)), chair, "2", people.staff)
    response = client_for(chair).get(reverse("projects:certificate", args=[project.pk]))
    assert "as co-chair" in " ".join(_pdf_text(response).split())


# ---------------------------------------------------------------- in the reader's format


def _pdf(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.mark.django_db
def test_the_certificate_comes_in_the_members_own_format_and_they_can_pick_another(
        people, year, client_for, monkeypatch):
    from people.models import MemberProfile
    from tests.pdf_checks import (
        assert_easy_read_wording,
        assert_tagged,
        assert_type_size,
        capture_html,
        pdf_text,
    )

    MemberProfile.objects.create(user=people.member, formats=["easy_read", "large_print"])
    client = client_for(people.member)
    url = reverse("projects:certificate", args=[year.pk])
    # Their own format first on the page, and the others a link away (no JavaScript).
    page = client.get(year.get_absolute_url()).content.decode()
    links = [f'href="{url}?format={value}"' for value in ("easy_read", "standard",
                                                          "large_print")]
    assert all(link in page for link in links)
    assert page.index(links[0]) < page.index(links[1])

    made = capture_html(monkeypatch)
    easy = client.get(url)
    assert_easy_read_wording(made[-1])
    assert "easy-read" in easy["Content-Disposition"]
    text = pdf_text(_pdf(easy))
    assert "Thank you for helping us" in text and "You came to 3 meetings." in text
    assert "You gave us 5.5 hours of your time." in text
    assert "3 meetings, 5.5 hours in all" not in text  # its own words, not the standard ones
    assert_tagged(easy.content, "Thank you for helping us", figures=True)
    assert_type_size(easy.content, "easy_read")

    large = _pdf(client.get(url + "?format=large_print"))
    assert "3 meetings, 5.5 hours in all" in pdf_text(large)
    assert_tagged(large, "Certificate of involvement")
    assert_type_size(large, "large_print")

    standard = _pdf(client.get(url + "?format=standard"))
    assert_tagged(standard, "Certificate of involvement")
    assert_type_size(standard, "standard")  # footers and page numbers at body size too
    # An unknown format is the member's own.
    assert "Thank you for helping us" in pdf_text(_pdf(client.get(url + "?format=nonsense")))


@pytest.mark.django_db
def test_a_certificate_that_takes_too_long_gives_a_page_saying_so(people, year, client_for,
                                                                  settings, monkeypatch):
    import time

    from coproduction import documents

    def slow(html):
        time.sleep(5)
        return b"%PDF-never"

    monkeypatch.setattr(documents, "html_to_pdf", slow)
    settings.DOCUMENT_TIME_LIMIT = 0.2
    started = time.monotonic()
    response = client_for(people.member).get(reverse("projects:certificate", args=[year.pk]))
    assert time.monotonic() - started < 3  # stopped at the limit, not left to finish
    assert response.status_code == 503
    page = response.content.decode()
    assert "Your document is taking too long" in page and "try again" in page
