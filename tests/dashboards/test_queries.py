"""Each dashboard page runs a fixed number of queries: the same with three times the rows.
(Session, user and the filter form's topics and areas make up the first few; the rest are one
per table or chart, counted in the database.)"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from listening.models import Commitment, Event, EventKind, FeedbackItem, Registration
from payments.models import Claim, ClaimLine
from people.models import Consent, EqualityAnswers, Involvement, MemberProfile
from projects.models import Level, Status
from tests.conftest import make_user
from tests.dashboards.conftest import YEAR, at, evaluate, make_project

# The most queries each page may run, whatever the data: about four for the session, the
# user and the filter form's topics and areas, then one per table (a median is two: how many,
# then the middle rows; equality is two per group of people: how many answered, then counts;
# listening counts its feedback by channel and month in the same pass as the total, and what
# is answered from the commitments' links; reach counts first-timers in a pass by person).
BUDGET = {"growth": 10, "listening": 16, "reach": 18, "experience": 10, "recognition": 12}


def add_rows(scenario, batch):
    """More of everything the dashboards count, spread over the year."""
    staff = scenario.people.staff
    kind = EventKind.objects.first()
    for i in range(6):
        month = 1 + (i * 2) % 12
        person = make_user(f"more{batch}-{i}@test.example")
        profile = MemberProfile.objects.create(user=person)
        profile.areas.add(scenario.north if i % 2 else scenario.south)
        profile.topics.add(scenario.carers)
        Consent.objects.create(person=person, notice_version="t", given_at=at(2025, month, 3))
        EqualityAnswers.objects.create(person=person, notice_version="t", **{
            field: "prefer_not" for field in EqualityAnswers.QUESTIONS})
        project = make_project(f"More {batch}-{i}", staff, level=Level.CO_DESIGN,
                               starts_on=date(2025, month, 4), status=Status.RUNNING,
                               topic=scenario.carers, area=scenario.north,
                               co_chair=person)
        evaluate(project, person, from_start=3, comment="Fine", share=True,
                 when=at(2025, month, 20))
        event = Event.objects.create(kind=kind, title=f"More {batch}-{i}", description="d",
                                     starts_at=at(2025, month, 5),
                                     ends_at=at(2025, month, 5, 12))
        event.areas.add(scenario.north)
        Registration.objects.create(event=event, person=person, attended=True)
        item = FeedbackItem.objects.create(question="working", text="t", created_at=at(
            2025, month, 6), area=scenario.north, topic=scenario.carers)
        commitment = Commitment.objects.create(you_said="y", we_will="w", owner=staff,
                                               due_date=date(2025, month, 28),
                                               created_at=at(2025, month, 7))
        commitment.feedback_items.add(item)
        for visit in range(3):
            Involvement.objects.create(
                person=person, kind=Involvement.Kind.EVENT, activity_key=f"event:{event.pk}",
                activity_title=event.title, title="t",
                starts_at=at(2025, month, 5) + timedelta(days=visit),
                hours=Decimal("2.00"), source=f"more:{batch}:{i}:{visit}")
        claim = Claim.objects.create(person=person, made_by=person, activity_title=event.title,
                                     activity_date=date(2025, month, 5),
                                     status=Claim.Status.PAID,
                                     submitted_at=at(2025, month, 6), paid_at=at(2025, month, 9))
        ClaimLine.objects.create(claim=claim, category=ClaimLine.Category.PAYMENT,
                                 description="x", amount=Decimal("20.00"))


def count_queries(client, slug, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/dashboards/{slug}/", query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("slug", list(BUDGET))
def test_queries_are_bounded_and_do_not_grow_with_rows(scenario, client_for, slug,
                                                        django_assert_max_num_queries):
    client = client_for(scenario.people.staff)
    query = {**YEAR, "topic": scenario.carers.pk}
    client.get(f"/dashboards/{slug}/", query)  # the session is warm from here on
    # One batch first, so that equality answers are past the threshold below which nothing
    # is counted (two queries fewer); then three times the rows must cost nothing more.
    add_rows(scenario, 1)
    with django_assert_max_num_queries(BUDGET[slug]):
        before = count_queries(client, slug, query)
    add_rows(scenario, 2)
    add_rows(scenario, 3)
    with django_assert_max_num_queries(BUDGET[slug]):
        after = count_queries(client, slug, query)
    assert after == before


def test_members_own_dashboard_is_bounded(scenario, client_for, django_assert_max_num_queries):
    client = client_for(scenario.m[0])
    client.get("/dashboards/mine/")
    before = count_queries_at(client, "/dashboards/mine/")
    add_rows(scenario, 1)
    with django_assert_max_num_queries(16):
        assert count_queries_at(client, "/dashboards/mine/") == before


def count_queries_at(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
