"""Pick lists, dashboards and lists stay the same size, in bytes and in queries, whether there
are 10 rows behind them or 1,000 (issue 13). Nothing here is timed: the benchmark
(`manage.py benchmark_pages`) measures time."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listening.models import Commitment, Event, EventKind, FeedbackItem, Theme
from people.models import Consent, Involvement, MemberProfile, User
from people.services import recent_involvements_refresh
from projects.models import Project

pytestmark = pytest.mark.django_db
SHOWN = 100  # RecentChoiceField's default: the drop-down shows the latest 100


def _measure(client, url):
    # One request first, so that what is done at most once a minute or once per cache period
    # (noting when the session was last used, building cached figures) is not counted in one
    # measurement and not the other.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(response.content), len(queries), response.content.decode()


def _events(staff, count, start=0):
    kind = EventKind.objects.get_or_create(slug="listening-space",
                                           defaults={"name": "Listening space"})[0]
    now = timezone.now()
    return Event.objects.bulk_create([Event(
        kind=kind, title=f"Listening space number {start + n}", description="Tell us.",
        host=staff, starts_at=now - timedelta(days=start + n),
        ends_at=now - timedelta(days=start + n, hours=-2), venue="Library")
        for n in range(count)])


def _projects(staff, count, start=0):
    today = timezone.localdate()
    return Project.objects.bulk_create([Project(
        title=f"Project number {start + n}", summary="s", problem="p", aims="a",
        in_scope="i", out_of_scope="o", who_for="w", what_is_involved="w", level="co_design",
        status="running", starts_on=today - timedelta(days=start + n), staff_co_chair=staff)
        for n in range(count)])


def _options(html, name):
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    return select.group(0).count("<option") if select else None


@pytest.mark.parametrize("url_name, select", [
    ("listening:feedback_add", "event"),
    ("listening:feedback_list", "event"),
    ("listening:commitment_create", "event"),
    ("listening:event_create", "project"),
    ("listening:report_request", "event"),
    ("listening:report_request", "project"),
])
def test_pick_lists_of_events_and_projects_do_not_grow(client_for, staff, url_name, select):
    client = client_for(staff)
    url = reverse(url_name)
    _events(staff, 10)
    _projects(staff, 10)
    small, small_queries, html = _measure(client, url)
    assert _options(html, select) <= 11
    _events(staff, 990, start=10)
    _projects(staff, 990, start=10)
    large, large_queries, html = _measure(client, url)
    # The latest 100 (and the empty choice), not all 1,000: 990 more options would add
    # tens of kilobytes.
    assert _options(html, select) <= SHOWN + 1
    assert large_queries == small_queries
    assert large - small < 100 * 120


def test_a_chosen_old_event_stays_chosen(client_for, staff):
    events = _events(staff, 150)
    oldest = events[-1]
    html = client_for(staff).get(reverse("listening:feedback_list"),
                                 {"event": oldest.pk}).content.decode()
    assert re.search(rf'<option value="{oldest.pk}" selected\s*>', html)


def _member_said_things(member, staff, commitments, start=0):
    theme = Theme.objects.get_or_create(name="Home care visits")[0]
    if not FeedbackItem.objects.filter(person=member).exists():
        items = FeedbackItem.objects.bulk_create([FeedbackItem(
            person=member, question="not_working", text=f"Visits are rushed ({n}).")
            for n in range(10)])
        for item in items:
            item.themes.add(theme)
    made = Commitment.objects.bulk_create([Commitment(
        you_said="Visits are rushed.", we_will=f"Longer visits, step {start + n}.",
        owner=staff, due_date=timezone.localdate()) for n in range(commitments)])
    Commitment.themes.through.objects.bulk_create([
        Commitment.themes.through(commitment_id=c.pk, theme_id=theme.pk) for c in made])


@pytest.mark.parametrize("url_name", ["dashboard", "listening:my_listening"])
def test_what_a_member_said_does_not_list_every_commitment_on_its_theme(
        client_for, member, staff, url_name):
    client = client_for(member)
    _member_said_things(member, staff, 10)
    small, small_queries, _html = _measure(client, reverse(url_name))
    _member_said_things(member, staff, 990, start=10)
    large, large_queries, html = _measure(client, reverse(url_name))
    assert large_queries == small_queries
    assert large - small < 2_000
    assert "Longer visits, step 999." in html  # the latest answers are the ones shown


def _bank(count, start=0):
    people = User.objects.bulk_create([User(email=f"bank{start + n}@example.org",
                                            name=f"Bank Person {start + n}")
                                       for n in range(count)])
    MemberProfile.objects.bulk_create([MemberProfile(user=p) for p in people])
    Consent.objects.bulk_create([Consent(person=p, notice_version="1") for p in people])
    now = timezone.now()
    Involvement.objects.bulk_create([Involvement(
        person=p, kind="other", activity_key=f"other:{n % 7}", activity_title="Forum",
        title="Forum", starts_at=now - timedelta(days=n % 400), source=f"test:{start + n}")
        for n, p in enumerate(people)])
    recent_involvements_refresh()  # bulk_create bypasses the service that keeps the counts


@pytest.mark.parametrize("url_name", ["staff_home", "people:bank_search",
                                      "listening:theme_list", "listening:feedback_list",
                                      "listening:commitment_list", "payments:approvals"])
def test_staff_lists_and_home_are_the_same_queries_at_100_and_1000_rows(
        client_for, staff, url_name):
    client = client_for(staff)
    _bank(100)
    _events(staff, 100)
    small, small_queries, _html = _measure(client, reverse(url_name))
    _bank(900, start=100)
    _events(staff, 900, start=100)
    large, large_queries, _html = _measure(client, reverse(url_name))
    assert large_queries == small_queries
    # Paged lists: a page of 50 at most, so the page barely changes once it is full.
    assert large - small < 5_000


@pytest.mark.parametrize("slug", ["growth", "listening", "reach", "experience",
                                  "recognition"])
def test_dashboards_are_the_same_queries_and_size_at_10_and_1000_events(
        client_for, people, staff, slug):
    client = client_for(people.our_voice)
    _events(staff, 10)
    small, small_queries, _html = _measure(client, reverse(f"dashboards:{slug}"))
    _events(staff, 990, start=10)
    large, large_queries, _html = _measure(client, reverse(f"dashboards:{slug}"))
    assert large_queries == small_queries
    assert large - small < 3_000


def _open_targets(staff, count, start=0):
    """`count` published events to come and `count` projects looking for people."""
    now = timezone.now()
    events = Event.objects.filter(pk__in=[event.pk for event in _events(staff, count, start)])
    events.update(starts_at=now + timedelta(days=400), ends_at=now + timedelta(days=400,
                                                                                  hours=2),
                  is_published=True)
    Project.objects.filter(pk__in=[p.pk for p in _projects(staff, count, start)]).update(
        status="recruiting")


def test_the_people_bank_invite_list_does_not_grow_and_takes_any_open_target(
        client_for, staff):
    from people.views import INVITE_CHOICES_SHOWN

    client = client_for(staff)
    url = reverse("people:bank_search")
    _bank(5)
    _open_targets(staff, 10)
    small, small_queries, html = _measure(client, url)
    assert _options(html, "target") == 21  # 10 events, 10 projects and "Choose"
    _open_targets(staff, 990, start=10)
    large, large_queries, html = _measure(client, url)
    assert _options(html, "target") == 2 * INVITE_CHOICES_SHOWN + 1
    assert large_queries == small_queries
    assert large - small < 2 * INVITE_CHOICES_SHOWN * 120
    # An open event past the first 50 is still taken (a form from an older page).
    last = Event.objects.order_by("-starts_at", "-pk").first()
    assert f'value="event:{last.pk}"' not in html
    person = User.objects.filter(profile__isnull=False).first()
    response = client.post(url, {"action": "invite", "target": f"event:{last.pk}",
                                 "people": [person.pk]})
    assert response.status_code == 200 and last.title in response.content.decode()
    assert "Send" in response.content.decode()
