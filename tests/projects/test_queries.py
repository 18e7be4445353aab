"""The project list, project page and role panels run a fixed number of queries, whatever
the number of projects, members and sessions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people.models import Area, Topic
from projects.models import Interest, Membership, Session, Status, Update
from tests.conftest import make_user
from tests.site_rules.projects import make_project


def _fill(staff, *, projects, members, sessions, offset=0):
    topic = Topic.objects.get_or_create(name="Carers", slug="carers")[0]
    area = Area.objects.get_or_create(name="Carrow", slug="carrow")[0]
    people = [make_user(f"p{offset}-{i}@test.example") for i in range(members)]
    made = []
    for n in range(projects):
        project = make_project(staff, title=f"Project {offset}-{n}")
        project.topics.add(topic)
        project.areas.add(area)
        for person in people:
            Membership.objects.create(project=project, person=person, needs=["bsl"])
            Interest.objects.create(project=project, person=person, state="accepted")
        start = timezone.now() + timedelta(days=3)
        for s in range(sessions):
            Session.objects.create(project=project, title=f"S{s}",
                                   starts_at=start + timedelta(days=s),
                                   ends_at=start + timedelta(days=s, hours=2))
            Update.objects.create(project=project, author=staff, title=f"U{s}", body="x",
                                  public=True)
        made.append(project)
    return made, people


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_and_page_queries_do_not_grow(people, client_for, django_assert_max_num_queries):
    small, small_people = _fill(people.staff, projects=1, members=1, sessions=1)
    staff = client_for(people.staff)
    member = client_for(small_people[0])
    visitor = client_for(None)
    urls = [(visitor, reverse("projects:list")),
            (visitor, reverse("projects:list") + "?q=Project&topic=1&paid=yes"),
            (visitor, small[0].get_absolute_url()),
            (member, small[0].get_absolute_url()),
            (staff, small[0].get_absolute_url()),
            (staff, reverse("projects:interest_review", args=[small[0].pk])),
            (staff, reverse("staff_home")), (member, reverse("dashboard")),
            (client_for(people.our_voice), reverse("our_voice"))]
    before = [_count(client, url) for client, url in urls]

    _fill(people.staff, projects=25, members=15, sessions=8, offset=1)
    for project in small:
        for person in [make_user(f"more{i}@test.example") for i in range(15)]:
            Membership.objects.create(project=project, person=person)
            Interest.objects.create(project=project, person=person)
        for s in range(8):
            start = timezone.now() + timedelta(days=10 + s)
            Session.objects.create(project=project, title=f"Extra {s}", starts_at=start,
                                   ends_at=start + timedelta(hours=1))
    for (client, url), expected in zip(urls, before, strict=True):
        # The same queries as before, whatever the numbers.
        with django_assert_max_num_queries(expected):
            client.get(url)


@pytest.mark.django_db
def test_review_queue_queries_do_not_grow(people, client_for, django_assert_max_num_queries):
    make_project(people.staff, status=Status.IN_REVIEW, title="One")
    client = client_for(people.our_voice)
    url = reverse("projects:review_queue")
    expected = _count(client, url)
    for n in range(20):
        make_project(people.staff, status=Status.IN_REVIEW, title=f"More {n}")
    with django_assert_max_num_queries(expected):
        client.get(url)
