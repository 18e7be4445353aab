"""Weekly and monthly round-ups: what goes in, in the person's channel; nothing twice; an empty
round-up is not sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.digests import digests_send_due
from messaging.kinds import Kind
from messaging.models import Delivery, Digest
from people.models import Area, MemberProfile, Notification, Topic
from people.services import notify_person
from projects.models import Status, StatusChange
from tests.conftest import make_user
from tests.listening.conftest import make_event
from tests.site_rules.projects import make_project

Status_ = Delivery.Status


@pytest.fixture
def carers(db):
    return Topic.objects.get_or_create(slug="carers", defaults={"name": "Carers"})[0]


@pytest.fixture
def north(db):
    return Area.objects.get_or_create(slug="north", defaults={"name": "North"})[0]


def _member(email, frequency, *, channel="text", topics=(), areas=(), joined_days_ago=30):
    person = make_user(email, email.split("@")[0].title())
    profile = MemberProfile.objects.create(
        user=person, preferred_channel=channel, phone="07700 900982",
        address="1 Mill Lane\nNorthtown", message_frequency=frequency,
        created_at=timezone.now() - timedelta(days=joined_days_ago))
    profile.topics.set(topics)
    profile.areas.set(areas)
    return person


def _recruiting(staff, title, topic, area=None, days_ago=2):
    project = make_project(staff, title=title)
    project.topics.set([topic])
    if area:
        project.areas.set([area])
    StatusChange.objects.create(project=project, from_status=Status.IN_REVIEW,
                                to_status=Status.RECRUITING, changed_by=staff,
                                changed_at=timezone.now() - timedelta(days=days_ago))
    return project


def test_a_weekly_round_up_brings_together_what_matches_in_their_channel(
        people, carers, north, django_capture_on_commit_callbacks):
    other_topic = Topic.objects.create(slug="housing", name="Housing")
    south = Area.objects.create(slug="south", name="South")
    person = _member("wendy@test.example", "weekly", topics=[carers], areas=[north])
    _recruiting(people.staff, "Short breaks for carers", carers, north)
    _recruiting(people.staff, "Carers in the south", carers, south)
    _recruiting(people.staff, "Housing repairs", other_topic)
    _recruiting(people.staff, "An old carers project", carers, days_ago=20)
    event = make_event(people.staff, title="Carers' listening space")
    event.topics.set([carers])
    make_event(people.staff, title="Housing forum").topics.set([other_topic])
    news = notify_person(person=person, subject="Carers group: we met the director",
                         body="We met the director.\nMore soon.", url="/projects/1/",
                         dedupe_key="update:1", kind=Kind.PROJECT_UPDATE)
    assert news.deliveries.get().status == Status_.HELD
    # Not news: a claim goes at once.
    claim = notify_person(person=person, subject="Your claim is approved", body="Paid soon.",
                          dedupe_key="claim:1", kind=Kind.CLAIM)
    assert claim.deliveries.get().status != Status_.HELD

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due() == {"sent": 1, "empty": 0}
    digest = Digest.objects.get()
    body = digest.notification.body
    assert "Short breaks for carers" in body and "Carers' listening space" in body
    assert "Carers group: we met the director. We met the director." in body
    for left_out in ("Carers in the south", "Housing repairs", "An old carers project",
                     "Housing forum"):
        assert left_out not in body
    assert digest.item_count == 3
    sent = digest.notification.deliveries.get()
    assert sent.channel == "text" and sent.status == Status_.OUTBOX
    assert sent.subject == "Your weekly round-up from Working Together"
    held = news.deliveries.get()
    assert held.status == Status_.IN_DIGEST and held.digest == digest
    news.refresh_from_db()
    assert news.sent_at

    # The same day again: not due. A week later with nothing new: recorded, not sent.
    assert digests_send_due() == {"sent": 0, "empty": 0}
    assert digests_send_due(timezone.now() + timedelta(days=7, minutes=1)) == {
        "sent": 0, "empty": 1}
    assert Notification.objects.filter(dedupe_key__startswith="digest:").count() == 1


def test_a_monthly_round_up_brings_commitment_news_by_letter(people):
    person = _member("mo@test.example", "monthly", channel="post")
    notify_person(person=person, subject="News about something you told us: done",
                  body="We talked to the bus company.", dedupe_key="commitment:1:done",
                  kind=Kind.COMMITMENT_NEWS)
    # Monthly: not due a week after the last one; due a month after it.
    Digest.objects.create(person=person, frequency="monthly",
                          since=timezone.now() - timedelta(days=37),
                          until=timezone.now() - timedelta(days=7))
    assert digests_send_due() == {"sent": 0, "empty": 0}
    assert digests_send_due(timezone.now() + timedelta(days=24)) == {"sent": 1, "empty": 0}
    digest = Digest.objects.exclude(notification=None).get()
    assert "We talked to the bus company." in digest.notification.body
    assert digest.notification.deliveries.get().channel == "post"


def test_people_who_want_each_message_get_no_round_up(people, carers):
    _member("each@test.example", "as_it_happens", topics=[carers])
    _recruiting(people.staff, "Short breaks for carers", carers)
    assert digests_send_due() == {"sent": 0, "empty": 0}
    assert not Digest.objects.exists()


def test_members_choose_how_often_in_their_profile(people, client_for):
    client = client_for(people.member)
    response = client.post("/profile/contact/", {
        "preferred_channel": "email", "phone": "", "address": "", "contact_times": "",
        "message_frequency": "monthly"})
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=people.member).message_frequency == "monthly"


def test_a_round_up_brings_published_news_by_their_interests_once(people, carers, north):
    from messaging.content import link
    from stories.models import NewsPost
    from stories.services import news_move, news_save

    def post(title, *, topics=(), areas=(), publish=True):
        news = news_save(post=NewsPost(title=title, body="Carers helped us.", easy_read="Easy."),
                         by=people.staff, topics=topics, areas=areas)
        return news_move(post=news, to=NewsPost.Status.PUBLISHED, by=people.staff) \
            if publish else news

    housing = Topic.objects.create(slug="housing", name="Housing")
    south = Area.objects.create(slug="south", name="South")
    _member("nia@test.example", "weekly", topics=[carers], areas=[north])
    leaflet = post("Carers wrote the new leaflet", topics=[carers], areas=[north])
    post("Carers' breaks everywhere", topics=[carers])  # no area: for everywhere
    post("Carers in the south", topics=[carers], areas=[south])
    post("Housing repairs are faster", topics=[housing])
    post("A draft about carers", topics=[carers], publish=False)
    old = post("Last month's carers news", topics=[carers])
    NewsPost.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=20))

    assert digests_send_due() == {"sent": 1, "empty": 0}
    body = Digest.objects.get().notification.body
    assert "What co-production has achieved:" in body
    assert f"- Carers wrote the new leaflet: {link(leaflet.get_absolute_url())}" in body
    assert "Carers' breaks everywhere" in body
    for left_out in ("Carers in the south", "Housing repairs", "A draft about carers",
                     "Last month's carers news"):
        assert left_out not in body
    assert Digest.objects.get().item_count == 2

    # Taken down for a fix and put back: the next round-up does not tell it again.
    news_move(post=leaflet, to=NewsPost.Status.DRAFT, by=people.staff)
    news_move(post=leaflet, to=NewsPost.Status.PUBLISHED, by=people.staff)
    post("Carers chose the venue", topics=[carers])
    later = timezone.now() + timedelta(days=7, minutes=1)
    NewsPost.objects.filter(title="Carers chose the venue").update(
        published_at=later - timedelta(days=1))
    assert digests_send_due(later) == {"sent": 1, "empty": 0}
    body = Digest.objects.exclude(notification=None).order_by("-until").first() \
        .notification.body
    assert "Carers chose the venue" in body
    assert "Carers wrote the new leaflet" not in body
