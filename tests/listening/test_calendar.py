"""Calendar files come from the one helper (coproduction.documents), and a member's private
calendar feed (in the projects room) includes the listening events they booked, through the
registry listening fills from its AppConfig.ready() (projects never imports listening)."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from listening.services import registration_cancel, registration_create
from projects.models import Membership, Session
from projects.services import calendar_feed_for
from tests.conftest import make_user
from tests.listening.conftest import make_event
from tests.site_rules.projects import make_project

pytestmark = pytest.mark.django_db


def _feed(client, person):
    feed = calendar_feed_for(person)
    response = client.get(reverse("projects:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def _titles(calendar):
    return sorted(str(entry["summary"]) for entry in calendar.walk("VEVENT"))


def test_the_feed_has_booked_events_beside_project_meetings(client, staff, member):
    project = make_project(staff)
    Membership.objects.create(project=project, person=member)
    start = timezone.now() + timedelta(days=3)
    Session.objects.create(project=project, title="First meeting", starts_at=start,
                           ends_at=start + timedelta(hours=2), venue="County Hall")
    booked = make_event(staff, title="Listening space: day centres")
    registration_create(event=booked, person=member)
    full = make_event(staff, capacity=1, title="Full event")
    registration_create(event=full, person=make_user("first@test.example"))
    registration_create(event=full, person=member)  # on the waiting list: not booked
    cancelled = make_event(staff, title="Cancelled event")
    registration_cancel(registration=registration_create(event=cancelled, person=member))
    make_event(staff, title="Someone else's event")

    calendar = _feed(client, member)

    assert _titles(calendar) == [f"{project.title}: First meeting",
                                 "Listening space: day centres"]
    (entry,) = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == booked.title]
    assert str(entry["url"]) == settings.SITE_URL + booked.get_absolute_url()
    assert str(entry["location"]) == booked.venue


def test_the_feed_runs_the_same_queries_however_many_events(client, staff, member,
                                                            django_assert_max_num_queries):
    registration_create(event=make_event(staff, title="Event 0"), person=member)
    feed = calendar_feed_for(member)
    url = reverse("projects:calendar_feed", args=[feed.token])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for number in range(1, 6):
        registration_create(event=make_event(staff, title=f"Event {number}"), person=member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 6


def test_projects_never_imports_listening():
    for path in Path(settings.BASE_DIR, "projects").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [alias.name for alias in getattr(node, "names", [])] \
                if isinstance(node, ast.Import) else [getattr(node, "module", None) or ""]
            if isinstance(node, ast.Import | ast.ImportFrom):
                assert not any(name.split(".")[0] == "listening" for name in names), path


def test_the_event_download_is_made_by_the_one_calendar_helper(client, staff):
    event = make_event(staff, title="Carers' drop-in")
    download = Calendar.from_ical(
        client.get(reverse("listening:event_calendar", args=[event.pk])).content)
    (entry,) = download.walk("VEVENT")
    assert str(entry["uid"]).startswith(f"listening-event-{event.pk}@")
    assert str(entry["url"]) == settings.SITE_URL + event.get_absolute_url()
