"""The fair-spread count is a stored figure per person (User.recent_involvements): the one
service that records involvement keeps it, a nightly job ages it out, a migration fills it,
and the people bank sorts and filters on it rather than counting everyone (issue 13)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people import tasks
from people.models import Involvement, User
from people.selectors import people_bank_search
from people.services import involvement_record, involvement_remove
from tests.conftest import make_user
from tests.people.conftest import bank_member

PERIOD = timedelta(days=round(settings.FAIR_SPREAD_MONTHS * 30.44))


def _involve(person, key, starts_at, source=None):
    return involvement_record(person=person, kind=Involvement.Kind.EVENT, activity_key=key,
                              activity_title=key, title=key, hours=1, starts_at=starts_at,
                              source=source or f"t:{person.pk}:{key}:{starts_at:%j}")


def _stored(person):
    return User.objects.values_list("recent_involvements", flat=True).get(pk=person.pk)


def test_the_figure_follows_involvement_recorded_moved_and_removed(db):
    person = make_user("p@test.example", "Pat")
    now = timezone.now()
    assert _stored(person) == 0
    _involve(person, "project:1", now - timedelta(days=3), source="a")
    assert _stored(person) == 1
    _involve(person, "project:1", now - timedelta(days=10), source="b")  # same project
    _involve(person, "event:2", now - PERIOD - timedelta(days=5), source="c")  # too long ago
    assert _stored(person) == 1
    _involve(person, "event:2", now - timedelta(days=1), source="c")  # recorded again, moved
    assert _stored(person) == 2
    involvement_remove(source="a")
    assert _stored(person) == 2  # project 1 still has meeting "b"
    involvement_remove(source="b")
    assert _stored(person) == 1
    involvement_remove(source="nothing-recorded")  # safe to repeat
    assert _stored(person) == 1


def test_the_nightly_job_ages_out_involvement_and_mends_edits_made_elsewhere(db):
    aging, steady, edited = (make_user(f"{n}@test.example", n)
                             for n in ("Aging", "Steady", "Edited"))
    now = timezone.now()
    _involve(aging, "event:1", now - PERIOD + timedelta(days=1))
    _involve(steady, "event:1", now - timedelta(days=5))
    Involvement.objects.create(person=edited, kind="other", activity_key="other:1",
                               activity_title="Forum", title="Forum", starts_at=now,
                               source="django-admin")  # not through the service
    assert [_stored(p) for p in (aging, steady, edited)] == [1, 1, 0]

    assert tasks.recent_involvements_refresh() == {"changed": 1}  # only Edited was wrong
    assert [_stored(p) for p in (aging, steady, edited)] == [1, 1, 1]

    two_days_on = now + timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=two_days_on):
        assert tasks.recent_involvements_refresh() == {"changed": 1}
        assert [_stored(p) for p in (aging, steady, edited)] == [0, 1, 1]
        assert tasks.recent_involvements_refresh() == {"changed": 0}  # safe to run twice


def test_the_nightly_job_is_on_the_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["people-recent-involvements"]
    assert entry["task"] == "people.tasks.recent_involvements_refresh"
    assert entry["schedule"].hour == {2}


def test_the_search_sorts_and_filters_on_the_stored_figure(db):
    busy, rested = (make_user(f"{n}@test.example", n) for n in ("Busy", "Rested"))
    for person in (busy, rested):
        bank_member(person)
    _involve(busy, "project:1", timezone.now())
    assert [(p.name, p.recent_involvements) for p in people_bank_search()] == [
        ("Rested", 0), ("Busy", 1)]
    assert [p.name for p in people_bank_search(not_recently_involved=True)] == ["Rested"]
    with CaptureQueriesContext(connection) as queries:
        list(people_bank_search(not_recently_involved=True))
    # The search reads the column: no involvement is counted (or even read) per search.
    assert not any("people_involvement" in query["sql"] for query in queries)
    assert 'ORDER BY "people_user"."recent_involvements" ASC' in queries[0]["sql"]


BEFORE = [("people", "0012_involvement_index_for_the_fair_spread_count")]
AFTER = [("people", "0013_recent_involvements_stored")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_figure_for_people_already_involved():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldUser, OldInvolvement = old.get_model("people", "User"), old.get_model("people",
                                                                              "Involvement")
    busy = OldUser.objects.create(email="busy@test.example", name="Busy", password="x")
    idle = OldUser.objects.create(email="idle@test.example", name="Idle", password="x")
    now = timezone.now()
    for n, (key, when) in enumerate([("project:1", now), ("project:1", now),
                                     ("event:2", now - timedelta(days=30)),
                                     ("event:3", now - PERIOD - timedelta(days=1))]):
        OldInvolvement.objects.create(person=busy, kind="event", activity_key=key,
                                      activity_title=key, title=key, starts_at=when,
                                      source=f"m:{n}")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    assert _stored(busy) == 2
    assert _stored(idle) == 0
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_staff_home_counts_the_bank_and_who_has_not_taken_part_in_one_query(
        client_for, staff, django_assert_num_queries):
    from people.selectors import people_bank_counts

    busy, rested = (make_user(f"{n}@test.example", n) for n in ("Busy", "Rested"))
    for person in (busy, rested):
        bank_member(person)
    _involve(busy, "project:1", timezone.now())
    with django_assert_num_queries(1):
        assert people_bank_counts() == {"count": 2, "not_recent": 1}
    html = client_for(staff).get("/staff/").content.decode()
    assert "2 people are in the people bank; 1 has not taken part" in html


def test_the_whole_bank_search_takes_its_total_from_the_kept_count(client_for, staff, settings,
                                                                   django_assert_num_queries):
    """Unfiltered (in any order), the search shows the staff home's kept total instead of
    counting everyone again; filtered, it counts what matched."""
    settings.DASHBOARD_CACHE_SECONDS = 600
    for n in range(3):
        bank_member(make_user(f"b{n}@test.example", f"Bank {n}"))
    client = client_for(staff)
    client.get("/staff/")  # keeps the count: 3
    bank_member(make_user("late@test.example", "Late Joiner"))  # not yet in the kept count
    for query in ({}, {"sort": "name"}):
        page = client.get("/people-bank/", query).context["page"]
        assert page.paginator.count == 3 and len(page.object_list) == 4
    assert client.get("/people-bank/", {"q": "Bank"}).context["page"].paginator.count == 3
    assert client.get("/people-bank/", {"q": "n"}).context["page"].paginator.count == 4
