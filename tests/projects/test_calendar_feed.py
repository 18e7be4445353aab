"""The private calendar address: only the person's own project meetings; a wrong or old
address finds nothing; asking for a new address ends the old one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from projects import services
from projects.models import CalendarFeed, Membership, Session
from tests.site_rules.projects import make_project


def _meeting(project, title, days=3):
    starts = timezone.now() + timedelta(days=days)
    return Session.objects.create(project=project, title=title, starts_at=starts,
                                  ends_at=starts + timedelta(hours=2), venue="Library")


def _titles(response):
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))


def _feed(client, person):
    return client.get(reverse("projects:calendar_feed",
                              args=[services.calendar_feed_for(person).token]))


@pytest.mark.django_db
def test_the_feed_has_only_the_persons_own_meetings(people, project, client_for, other):
    left = make_project(people.staff, title="Left project")
    elsewhere = make_project(people.staff, title="Someone else's project")
    Membership.objects.create(project=project, person=people.member)
    Membership.objects.create(project=left, person=people.member, left_at=timezone.now())
    Membership.objects.create(project=elsewhere, person=other)
    _meeting(project, "Mine")
    _meeting(left, "After I left")
    _meeting(elsewhere, "Not mine")
    assert _titles(_feed(client_for(None), people.member)) == [f"{project.title}: Mine"]
    assert _titles(_feed(client_for(None), other)) == ["Someone else's project: Not mine"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["not-the-token", "x" * 32, ""])
def test_a_wrong_address_finds_nothing(people, project, client_for, token):
    services.calendar_feed_for(people.member)
    url = f"/projects/calendar/{token}.ics"
    assert client_for(None).get(url).status_code == 404


@pytest.mark.django_db
def test_each_person_has_their_own_address(people):
    mine = services.calendar_feed_for(people.member)
    assert services.calendar_feed_for(people.member).token == mine.token
    assert services.calendar_feed_for(people.our_voice).token != mine.token
    assert len(mine.token) >= 32


@pytest.mark.django_db
def test_a_new_address_ends_the_old_one(people, project, client_for):
    Membership.objects.create(project=project, person=people.member)
    _meeting(project, "Mine")
    old = services.calendar_feed_for(people.member).token
    member = client_for(people.member)
    response = member.post(reverse("projects:calendar_feed_renew"))
    assert response.status_code == 302 and response["Location"] == reverse("projects:mine")
    new = CalendarFeed.objects.get(person=people.member).token
    assert new != old
    visitor = client_for(None)
    assert visitor.get(reverse("projects:calendar_feed", args=[old])).status_code == 404
    assert _titles(visitor.get(reverse("projects:calendar_feed", args=[new]))) == [
        f"{project.title}: Mine"]
    assert new in member.get(reverse("projects:mine")).content.decode()


@pytest.mark.django_db
def test_a_new_address_is_asked_for_with_a_post(people, client_for):
    old = services.calendar_feed_for(people.member).token
    assert client_for(people.member).get(
        reverse("projects:calendar_feed_renew")).status_code == 405
    assert CalendarFeed.objects.get(person=people.member).token == old
