"""Small known data for the dashboards, with every figure worked out by hand in the tests.

The year looked at is 2025. Projects (topic, area, level, quarter started):
  P1 Carers/North consultation Feb, running, lived-experience co-chair, assured
  P2 Dementia/South information Mar, closed, no co-chair, not assured
  P3 Carers/North co-production Nov, recruiting, co-chair, assured
  P4 Carers/South co-design Dec, recruiting, no co-chair, assured with suggestions
  P5 Carers/North strategic, started in 2024 (outside the dates)
  P6 a draft (never counted)
People m1–m5 are in the people bank (m1, m2 joined in 2024; m3, m4 in January 2025; m5 in
March 2025); m6 withdrew consent. m1–m3 live in North, m4–m5 in South; m1 cares about Carers.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from listening.models import (
    Channel,
    Commitment,
    Event,
    EventKind,
    FeedbackItem,
    Question,
    Registration,
    Theme,
)
from payments.models import Claim, ClaimLine
from people.models import (
    Area,
    Consent,
    EqualityAnswers,
    Involvement,
    MemberProfile,
    Notification,
    Topic,
)
from projects.models import Assurance, Evaluation, Level, Project, Status
from tests.conftest import make_user

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime(year, month, day, hour))


def make_project(title, staff, *, level, starts_on, status=Status.RUNNING, topic=None,
                 area=None, co_chair=None, assurance=""):
    project = Project.objects.create(
        title=title, summary="s", problem="p", aims="a", in_scope="i", out_of_scope="o",
        who_for="w", what_is_involved="w", expenses_and_payment="e", level=level,
        status=status, starts_on=starts_on, ends_on=starts_on + timedelta(days=90),
        staff_co_chair=staff, lived_experience_co_chair=co_chair, assurance=assurance)
    if topic:
        project.topics.add(topic)
    if area:
        project.areas.add(area)
    return project


def evaluate(project, person, *, listened=3, equal=3, from_start=None, comment="",
             share=False, when=None):
    return Evaluation.objects.create(
        project=project, person=person, listened=listened, equal=equal, valued=3,
        understood=3, access_met=3, again=3, from_start=from_start, comment=comment,
        share_comment=share, submitted_at=when or at(2025, 6, 1))


@pytest.fixture
def scenario(people):
    staff = people.staff
    carers = Topic.objects.get_or_create(slug="carers-d", defaults={"name": "Carers (d)"})[0]
    dementia = Topic.objects.get_or_create(slug="dementia-d",
                                           defaults={"name": "Dementia (d)"})[0]
    north = Area.objects.get_or_create(slug="north-d", defaults={"name": "North (d)"})[0]
    south = Area.objects.get_or_create(slug="south-d", defaults={"name": "South (d)"})[0]

    m = [make_user(f"m{i}@test.example", f"Member {i}") for i in range(1, 7)]
    joined = [at(2024, 12, 1), at(2024, 12, 2), at(2025, 1, 15), at(2025, 1, 20),
              at(2025, 3, 3), at(2025, 2, 1)]
    homes = [north, north, north, south, south, north]
    for index, person in enumerate(m):
        profile = MemberProfile.objects.create(user=person)
        profile.areas.add(homes[index])
        if index == 0:
            profile.topics.add(carers)
        Consent.objects.create(person=person, notice_version="t", given_at=joined[index],
                               withdrawn_at=at(2025, 2, 2) if index == 5 else None)
    sexes = ["female", "female", "female", "male", "male"]
    for person, sex in zip(m[:5], sexes, strict=True):
        EqualityAnswers.objects.create(
            person=person, notice_version="t",
            **{**{field: "prefer_not" for field in EqualityAnswers.QUESTIONS}, "sex": sex})

    p1 = make_project("P1", staff, level=Level.CONSULTATION, starts_on=date(2025, 2, 10),
                      topic=carers, area=north, co_chair=m[0], assurance=Assurance.ASSURED)
    p2 = make_project("P2", staff, level=Level.INFORMATION, starts_on=date(2025, 3, 5),
                      status=Status.CLOSED, topic=dementia, area=south)
    p3 = make_project("P3", staff, level=Level.CO_PRODUCTION, starts_on=date(2025, 11, 1),
                      status=Status.RECRUITING, topic=carers, area=north, co_chair=m[1],
                      assurance=Assurance.ASSURED)
    p4 = make_project("P4", staff, level=Level.CO_DESIGN, starts_on=date(2025, 12, 15),
                      status=Status.RECRUITING, topic=carers, area=south,
                      assurance=Assurance.SUGGESTIONS)
    make_project("P5", staff, level=Level.STRATEGIC, starts_on=date(2024, 6, 1),
                 topic=carers, area=north)
    make_project("P6", staff, level=Level.CO_PRODUCTION, starts_on=date(2025, 5, 1),
                 status=Status.DRAFT)

    # Experience: five answers on P1 in June, two on P3 in November.
    extra = [make_user(f"e{i}@test.example") for i in range(3)]
    p1_people = [m[0], m[1], m[2], extra[0], extra[1]]
    for index, person in enumerate(p1_people):
        evaluate(p1, person, listened=3 if index < 4 else 1, equal=3 if index < 3 else 2,
                 from_start=[3, 3, 1, 1, None][index],
                 comment="Great tea" if index == 0 else ("Secret" if index == 1 else ""),
                 share=index == 0)
    evaluate(p3, m[3], from_start=3, when=at(2025, 11, 20))
    evaluate(p3, extra[2], listened=3, equal=1, when=at(2025, 11, 21))

    # Taking part: m1 six times in 2025 (and once in 2024), m2 twice, m3 and m4 once.
    visits = {0: [(2024, 11, 5), (2025, 1, 6), (2025, 1, 20), (2025, 2, 3), (2025, 2, 17),
                  (2025, 3, 3), (2025, 3, 17)],
              1: [(2025, 2, 3), (2025, 3, 3)], 2: [(2025, 3, 3)], 3: [(2025, 3, 17)]}
    for index, days in visits.items():
        for day in days:
            Involvement.objects.create(
                person=m[index], kind=Involvement.Kind.PROJECT_SESSION,
                activity_key=f"project:{p1.pk}", activity_title="P1", title="Meeting",
                starts_at=at(*day), hours=Decimal("2.00"), source=f"test:{index}:{day}")

    # Listening.
    space = EventKind.objects.get_or_create(slug="space-d", defaults={"name": "Space (d)"})[0]
    drop_in = EventKind.objects.get_or_create(slug="drop-d", defaults={"name": "Drop-in (d)"})[0]
    e1 = Event.objects.create(kind=space, title="E1", description="d", starts_at=at(2025, 4, 10),
                              ends_at=at(2025, 4, 10, 12))
    e1.topics.add(carers)
    e1.areas.add(north)
    e2 = Event.objects.create(kind=drop_in, title="E2", description="d",
                              starts_at=at(2025, 5, 1), ends_at=at(2025, 5, 1, 12))
    e2.areas.add(south)
    Event.objects.create(kind=space, title="E3", description="d", starts_at=at(2024, 5, 1),
                         ends_at=at(2024, 5, 1, 12))
    for person, came in ((m[0], True), (m[1], True), (m[2], False)):
        Registration.objects.create(event=e1, person=person, attended=came)
    Registration.objects.create(event=e1, guest_name="Guest", guest_contact="g@test.example",
                                attended=True)
    Registration.objects.create(event=e2, person=m[3], attended=True)
    Notification.objects.create(person=m[0], subject="What we heard", body="b",
                                dedupe_key=f"event:{e1.pk}:what-we-heard")
    Notification.objects.filter(dedupe_key=f"event:{e1.pk}:what-we-heard").update(
        created_at=at(2025, 4, 13, 12))
    transport = Theme.objects.create(name="Transport (d)")
    waiting = Theme.objects.create(name="Waiting (d)")
    items = [
        FeedbackItem.objects.create(event=e1, question=Question.WORKING, text="a",
                                    channel=Channel.ONLINE, topic=carers, area=north,
                                    created_at=at(2025, 4, 10)),
        FeedbackItem.objects.create(event=e1, question=Question.WORKING, text="b",
                                    channel=Channel.ONLINE, topic=carers, area=north,
                                    created_at=at(2025, 4, 11)),
        FeedbackItem.objects.create(question=Question.FUTURE, text="c", channel=Channel.PAPER,
                                    created_at=at(2025, 6, 1)),
        FeedbackItem.objects.create(question=Question.FUTURE, text="d", channel=Channel.PHONE,
                                    area=south, created_at=at(2025, 6, 2)),
    ]
    items[0].themes.add(transport)
    items[1].themes.add(transport, waiting)
    planned = Commitment.objects.create(you_said="y", we_will="w", owner=staff,
                                        due_date=date(2025, 6, 1), topic=carers, area=north,
                                        created_at=at(2025, 4, 20),
                                        last_update_at=at(2025, 4, 20))
    planned.feedback_items.add(items[0])
    Commitment.objects.create(you_said="y", we_will="w", owner=staff, due_date=date(2025, 7, 1),
                              status=Commitment.Status.DONE, created_at=at(2025, 5, 1),
                              area=south)

    # Recognition.
    def claim(person, day, status, lines, submitted=None, paid=None, title="P1",
              involvement=None):
        made = Claim.objects.create(person=person, made_by=person, activity_title=title,
                                    involvement=involvement,
                                    activity_date=day, status=status, submitted_at=submitted,
                                    paid_at=paid)
        for category, amount in lines:
            ClaimLine.objects.create(claim=made, category=category, description="x",
                                     amount=Decimal(amount))
        return made

    cat = ClaimLine.Category
    claim(m[0], date(2025, 2, 10), Claim.Status.PAID,
          [(cat.PAYMENT, "40.00"), (cat.EXPENSE, "5.50")], at(2025, 2, 11), at(2025, 2, 21))
    claim(m[1], date(2025, 3, 5), Claim.Status.APPROVED,
          [(cat.PAYMENT, "20.00"), (cat.VOUCHER, "10.00")], at(2025, 3, 6), title="P2",
          involvement=Involvement.objects.create(
              person=m[1], kind=Involvement.Kind.PROJECT, activity_key=f"project:{p2.pk}",
              activity_title="P2", title="Joined P2", starts_at=at(2025, 3, 5),
              source="test:joined-p2"))
    claim(m[2], date(2025, 3, 8), Claim.Status.SUBMITTED, [(cat.PAYMENT, "20.00")],
          at(2025, 3, 9))
    claim(m[3], date(2025, 3, 20), Claim.Status.PAID, [(cat.PAYMENT, "20.00")],
          at(2025, 3, 21), at(2025, 3, 25))
    claim(m[4], date(2025, 4, 2), Claim.Status.REJECTED, [(cat.PAYMENT, "99.00")],
          at(2025, 4, 3))
    return SimpleNamespace(people=people, m=m, carers=carers, dementia=dementia, north=north,
                           south=south, projects=[p1, p2, p3, p4], events=[e1, e2])
