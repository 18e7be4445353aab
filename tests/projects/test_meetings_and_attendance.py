"""Meetings and attendance: hours no longer than the meeting; one involvement record for each
person who came, corrected in place; online links and calendar files only for members and those
who run the project; reminders only to current members."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from people.models import Involvement, Notification
from projects import services, tasks
from projects.models import Attendance, Membership, Session


def _meeting(project, *, hours=2, days=-1, **extra):
    starts = timezone.now() + timedelta(days=days)
    return Session.objects.create(project=project, title="Planning", starts_at=starts,
                                  ends_at=starts + timedelta(hours=hours), venue="Library",
                                  **extra)


@pytest.mark.django_db
def test_a_meeting_knows_its_length_in_hours(project):
    assert _meeting(project, hours=2).length_in_hours() == Decimal("2.00")
    starts = timezone.now()
    ninety_minutes = Session(project=project, title="Short", starts_at=starts,
                             ends_at=starts + timedelta(minutes=90))
    assert ninety_minutes.length_in_hours() == Decimal("1.50")


@pytest.mark.django_db
@pytest.mark.parametrize("hours", [Decimal("2.01"), Decimal("5"), Decimal("0"),
                                   Decimal("-1")])
def test_hours_must_be_more_than_none_and_no_more_than_the_meeting(people, project, hours):
    session = _meeting(project, hours=2)
    Membership.objects.create(project=project, person=people.member)
    with pytest.raises(ValidationError, match="the length of the meeting"):
        services.attendance_mark(session=session, hours_by_person={people.member.pk: hours},
                                 by=people.staff)
    assert not Attendance.objects.exists() and not Involvement.objects.exists()


@pytest.mark.django_db
def test_the_attendance_page_says_the_limit_in_plain_english(people, project, client_for):
    session = _meeting(project, hours=2)
    Membership.objects.create(project=project, person=people.member)
    url = reverse("projects:attendance", args=[session.pk])
    page = client_for(people.staff).post(url, {f"hours_{people.member.pk}": "3"})
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "no more than 2, the length of the meeting" in html
    assert not Attendance.objects.exists()
    client_for(people.staff).post(url, {f"hours_{people.member.pk}": "2"})
    assert Attendance.objects.get().hours == Decimal("2.00")


@pytest.mark.django_db
def test_each_person_who_came_gets_exactly_one_involvement_record(people, project, other):
    session = _meeting(project)
    for person in (people.member, other):
        Membership.objects.create(project=project, person=person)
    services.attendance_mark(session=session, by=people.staff, hours_by_person={
        people.member.pk: Decimal("2"), other.pk: None})
    services.attendance_mark(session=session, by=people.staff, hours_by_person={
        people.member.pk: Decimal("1.5"), other.pk: None})
    attendance = Attendance.objects.get()
    assert attendance.hours == Decimal("1.50")
    record = Involvement.objects.get()
    assert record.source == f"projects.attendance:{attendance.pk}"
    assert (record.person, record.hours, record.starts_at) == (
        people.member, Decimal("1.50"), session.starts_at)
    assert record.kind == Involvement.Kind.PROJECT_SESSION


@pytest.mark.django_db
def test_someone_marked_by_mistake_loses_the_record_when_corrected(people, project):
    session = _meeting(project)
    Membership.objects.create(project=project, person=people.member)
    services.attendance_mark(session=session, by=people.staff,
                             hours_by_person={people.member.pk: Decimal("2")})
    services.attendance_mark(session=session, by=people.staff,
                             hours_by_person={people.member.pk: None})
    assert not Attendance.objects.exists() and not Involvement.objects.exists()


@pytest.mark.django_db
def test_a_meeting_must_end_after_it_starts(project):
    starts = timezone.now()
    with pytest.raises(ValidationError):
        services.session_save(session=Session(project=project, title="Backwards",
                                              starts_at=starts, ends_at=starts))


@pytest.mark.django_db
def test_the_online_link_is_only_for_members_and_those_who_run_it(people, project, client_for,
                                                                   other):
    session = _meeting(project, days=3, online=True, online_link="https://meet.example.org/x")
    Membership.objects.create(project=project, person=people.member)
    page = reverse("projects:session", args=[session.pk])
    ics = reverse("projects:session_ics", args=[session.pk])
    assert "meet.example.org/x" in client_for(people.member).get(page).content.decode()
    event = Calendar.from_ical(client_for(people.member).get(ics).content).walk("VEVENT")[0]
    assert "https://meet.example.org/x" in str(event["DESCRIPTION"])
    assert "meet.example.org/x" in client_for(people.staff).get(page).content.decode()
    for outsider in (other, people.finance):
        assert client_for(outsider).get(page).status_code == 404
        assert client_for(outsider).get(ics).status_code == 404
    public = client_for(other).get(project.get_absolute_url()).content.decode()
    assert "Planning" in public and "meet.example.org" not in public


@pytest.mark.django_db
def test_someone_who_left_no_longer_sees_the_online_link(people, project, client_for):
    session = _meeting(project, days=3, online=True, online_link="https://meet.example.org/x")
    membership = Membership.objects.create(project=project, person=people.member)
    services.membership_end(membership=membership, by=people.member)
    url = reverse("projects:session", args=[session.pk])
    assert client_for(people.member).get(url).status_code == 404


@pytest.mark.django_db
def test_reminders_go_only_to_current_members(people, project, other):
    session = _meeting(project, days=1)
    Membership.objects.create(project=project, person=people.member)
    Membership.objects.create(project=project, person=other, left_at=timezone.now())
    assert services.session_send_reminders(session.pk) == 1
    told = Notification.objects.get(dedupe_key=f"session:{session.pk}:reminder")
    assert told.person == people.member and "Library" in told.body


@pytest.mark.django_db
def test_the_daily_job_queues_only_tomorrows_meetings_not_yet_reminded(people, project):
    tomorrow = timezone.localtime() + timedelta(days=1)
    due = Session.objects.create(project=project, title="Due", starts_at=tomorrow,
                                 ends_at=tomorrow + timedelta(hours=1))
    Session.objects.create(project=project, title="Done", starts_at=tomorrow,
                           ends_at=tomorrow + timedelta(hours=1),
                           reminders_sent_at=timezone.now())
    _meeting(project, days=2)
    assert tasks.send_session_reminders() == 1
    assert Session.objects.get(pk=due.pk).reminders_sent_at is not None
