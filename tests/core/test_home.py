from datetime import timedelta

from django.utils import timezone

from listening.models import Commitment, Event, EventKind
from projects.models import Project, Status


def _project(title, status, staff):
    today = timezone.localdate()
    return Project.objects.create(
        title=title, summary="A plain summary.", problem="p", aims="a", in_scope="i",
        out_of_scope="o", who_for="w", what_is_involved="m", level="co_design", status=status,
        starts_on=today, ends_on=today + timedelta(days=90), places=8, staff_co_chair=staff)


def test_home_shows_projects_looking_for_people_and_next_events(people, client):
    _project("Short breaks for carers", Status.RECRUITING, people.staff)
    _project("A plan nobody has seen", Status.DRAFT, people.staff)
    kind = EventKind.objects.first() or EventKind.objects.create(name="Forum", slug="forum")
    Event.objects.create(title="Carers' forum", kind=kind, host=people.staff,
                         starts_at=timezone.now() + timedelta(days=3),
                         ends_at=timezone.now() + timedelta(days=3, hours=2))
    html = client.get("/").content.decode()
    assert "Short breaks for carers" in html
    assert "A plan nobody has seen" not in html
    assert "1 project is looking for people now" in html
    assert "Carers&#x27; forum" in html


def test_home_says_so_when_there_is_nothing_yet(db, client):
    html = client.get("/").content.decode()
    assert "No projects are looking for people right now" in html
    assert "No events are planned right now" in html


def test_home_runs_the_same_queries_for_many_projects(people, client,
                                                      django_assert_max_num_queries):
    for i in range(30):
        _project(f"Project {i}", Status.RECRUITING, people.staff)
    Commitment.objects.bulk_create(
        Commitment(you_said="x", we_will="y", owner=people.staff, status=Commitment.Status.DONE,
                   due_date=timezone.localdate()) for _ in range(20))
    # session-less visitor: recruiting list, count, events list, count, commitments, stories
    with django_assert_max_num_queries(6):
        response = client.get("/")
    assert "30 projects are looking for people now" in response.content.decode()
    assert "We have done 20 things" in response.content.decode()
