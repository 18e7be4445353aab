"""A project from draft to closed through the views, with Our Voice assurance on the way,
and a member who finds it, takes part and gives feedback."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar

from people.models import Involvement, Notification, Topic
from projects.models import (
    Attendance,
    CalendarFeed,
    Evaluation,
    Interest,
    Membership,
    Project,
    Session,
    Status,
    StatusChange,
)
from tests.conftest import make_user


def _project_form(staff, **extra):
    data = {
        "title": "Better home care", "summary": "Make home care visits fit your day.",
        "problem": "Visits are rushed.", "aims": "Visits at times that suit people.",
        "in_scope": "Visit times.", "out_of_scope": "The home care budget.",
        "who_for": "People who get home care.", "what_is_involved": "Six meetings.",
        "level": "co_production", "starts_on": "2026-09-01", "ends_on": "2027-01-31",
        "places": "2", "in_person": "on", "time_of_day": "daytime", "paid": "on",
        "expenses_and_payment": "Taxis paid for if you need one.", "staff_co_chair": staff.pk,
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_draft_to_closed_with_our_voice_and_a_member(client_for, people, other):
    staff_client = client_for(people.staff)
    topic = Topic.objects.create(name="Home care", slug="home-care")

    # Staff create a draft.
    response = staff_client.post(reverse("projects:create"),
                                 _project_form(people.staff, topics=[topic.pk]))
    project = Project.objects.get(title="Better home care")
    assert response.status_code == 302 and project.status == Status.DRAFT
    # Drafts are not public.
    assert client_for(None).get(project.get_absolute_url()).status_code == 404

    # Recruiting before assurance is refused.
    staff_client.post(reverse("projects:status", args=[project.pk]), {"to": "in_review"})
    response = staff_client.post(reverse("projects:status", args=[project.pk]),
                                 {"to": "recruiting"})
    assert "Our Voice must assure the plan" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Status.IN_REVIEW

    # Our Voice review it.
    ov = client_for(people.our_voice)
    assert project.title in ov.get(reverse("projects:review_queue")).content.decode()
    ov.post(reverse("projects:assurance_score", args=[project.pk]),
            {p: "4" for p in ["skills", "learning", "include", "language", "honest", "review"]})
    ov.post(reverse("projects:assurance_comment", args=[project.pk]),
            {"body": "Is the reading time paid?"})
    comment = project.comments.get()
    staff_client.post(reverse("projects:assurance_reply", args=[comment.pk]),
                      {"reply": "Yes, one hour."})
    ov.post(reverse("projects:assurance_decision", args=[project.pk]),
            {"decision": "suggestions", "reasons": "Send papers a week ahead."})
    page = ov.get(reverse("projects:assurance", args=[project.pk])).content.decode()
    assert "Yes, one hour." in page and "Send papers a week ahead." in page

    response = staff_client.post(reverse("projects:status", args=[project.pk]),
                                 {"to": "recruiting"})
    project.refresh_from_db()
    assert project.status == Status.RECRUITING
    assert list(StatusChange.objects.filter(project=project).values_list(
        "to_status", flat=True)) == ["draft", "in_review", "recruiting"]

    # A visitor finds it (with a filter) and is led to sign up, then back.
    visitor = client_for(None)
    listing = visitor.get(reverse("projects:list"), {"topic": topic.pk}).content.decode()
    assert "Better home care" in listing
    detail = visitor.get(project.get_absolute_url()).content.decode()
    assert "Assured with suggestions" in detail
    assert reverse("payments:policy") in detail
    assert f"/accounts/signup/?next={reverse('projects:interest', args=[project.pk])}" in detail

    # Two members express interest; there are two places.
    for person in (people.member, other):
        client_for(person).post(reverse("projects:interest", args=[project.pk]),
                                {"what_i_bring": "I get home care.", "access_needs": "",
                                 "needs": ["step_free"]})
    third = make_user("third@test.example", "Tia Third")
    client_for(third).post(reverse("projects:interest", args=[project.pk]),
                           {"what_i_bring": "Me too."})
    review = staff_client.get(reverse("projects:interest_review", args=[project.pk]))
    assert review.status_code == 200
    interests = {i.person: i for i in Interest.objects.filter(project=project)}
    for person in (people.member, other):
        staff_client.post(reverse("projects:interest_decide", args=[interests[person].pk]),
                          {"decision": "accepted"})
    # No places left: accepting a third is refused, waiting list is fine.
    response = staff_client.post(reverse("projects:interest_decide",
                                         args=[interests[third].pk]), {"decision": "accepted"})
    assert "All the places are taken" in response.content.decode()
    staff_client.post(reverse("projects:interest_decide", args=[interests[third].pk]),
                      {"decision": "waiting"})
    membership = Membership.objects.get(project=project, person=people.member)
    joined = Involvement.objects.get(source=f"projects.membership:{membership.pk}")
    assert joined.kind == Involvement.Kind.PROJECT
    assert joined.activity_key == f"project:{project.pk}" and joined.hours == 0
    assert Notification.objects.filter(person=people.member,
                                       subject__startswith="You have a place").exists()

    # The other member leaves; the waiting person moves up and is told.
    other_membership = Membership.objects.get(project=project, person=other)
    client_for(other).post(reverse("projects:membership_end", args=[other_membership.pk]))
    assert Membership.objects.get(project=project, person=third).active
    assert Notification.objects.filter(person=third,
                                       subject__startswith="A place has come up").exists()

    # Staff add a session; the member sees it and its calendar file.
    staff_client.post(reverse("projects:session_create", args=[project.pk]), {
        "title": "First meeting", "date": (date.today() + timedelta(days=3)).isoformat(),
        "start_time": "10:00", "end_time": "12:00", "online": "on",
        "online_link": "https://meet.example.org/abc"})
    session = Session.objects.get(project=project)
    member_client = client_for(people.member)
    page = member_client.get(project.get_absolute_url()).content.decode()
    assert "First meeting" in page
    session_page = member_client.get(session.get_absolute_url()).content.decode()
    assert "https://meet.example.org/abc" in session_page
    # The online link is for members only.
    public_page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "meet.example.org" not in public_page
    ics = member_client.get(reverse("projects:session_ics", args=[session.pk]))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert "First meeting" in str(event["SUMMARY"])
    assert "https://meet.example.org/abc" in str(event["DESCRIPTION"])

    # Staff mark attendance: it feeds participation.
    staff_client.post(reverse("projects:attendance", args=[session.pk]),
                      {f"hours_{people.member.pk}": "2", f"hours_{third.pk}": ""})
    attendance = Attendance.objects.get(session=session, person=people.member)
    involvement = Involvement.objects.get(source=f"projects.attendance:{attendance.pk}")
    assert involvement.hours == Decimal("2.00") and involvement.starts_at == session.starts_at
    assert involvement.kind == Involvement.Kind.PROJECT_SESSION
    assert involvement.url == project.get_absolute_url()
    assert not Attendance.objects.filter(session=session, person=third).exists()

    # Running, then evaluating: members are asked for feedback once.
    staff_client.post(reverse("projects:status", args=[project.pk]), {"to": "running"})
    preview = staff_client.post(reverse("projects:status", args=[project.pk]),
                                {"to": "evaluating"})
    assert preview.status_code == 200 and "Move it and ask" in preview.content.decode()
    assert preview.context["preview"]["total"] >= 2
    assert "six short questions" in "".join(
        words for _label, _channel, words in preview.context["preview"]["examples"])
    project.refresh_from_db()
    assert project.status == Status.RUNNING
    assert not Notification.objects.filter(dedupe_key=f"project:{project.pk}:evaluation")
    staff_client.post(reverse("projects:status", args=[project.pk]),
                      {"to": "evaluating", "send": "1"})
    asked = Notification.objects.filter(dedupe_key=f"project:{project.pk}:evaluation")
    assert set(asked.values_list("person", flat=True)) >= {people.member.pk, third.pk}
    assert "Tell us how it went" in member_client.get(reverse("projects:mine")).content.decode()
    member_client.post(reverse("projects:evaluation", args=[project.pk]), {
        "listened": "3", "equal": "3", "valued": "2", "understood": "3", "access_met": "3",
        "again": "3", "comment": "Good."})
    assert Evaluation.objects.get(project=project, person=people.member).valued == 2
    staff_client.post(reverse("projects:reflection", args=[project.pk]), {
        "what_changed": "Visit times.", "do_differently": "Start earlier."})

    # Closing needs an outcome, which is then public.
    staff_client.post(reverse("projects:status", args=[project.pk]),
                      {"to": "closed", "outcome_summary": "Visits now fit people's days."})
    project.refresh_from_db()
    assert project.status == Status.CLOSED
    assert "Visits now fit people" in client_for(None).get(
        project.get_absolute_url()).content.decode()

    # Certificate of involvement.
    pdf = member_client.get(reverse("projects:certificate", args=[project.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client_for(make_user("nobody@test.example")).get(
        reverse("projects:certificate", args=[project.pk])).status_code == 404


@pytest.mark.django_db
def test_unmarking_attendance_removes_the_involvement(people, project, client_for):
    session = Session.objects.create(project=project, title="M", starts_at=_now(),
                                     ends_at=_now() + timedelta(hours=2))
    Membership.objects.create(project=project, person=people.member)
    staff = client_for(people.staff)
    url = reverse("projects:attendance", args=[session.pk])
    staff.post(url, {f"hours_{people.member.pk}": "1.5"})
    attendance = Attendance.objects.get()
    assert Involvement.objects.filter(source=f"projects.attendance:{attendance.pk}").exists()
    staff.post(url, {f"hours_{people.member.pk}": ""})
    assert not Attendance.objects.exists()
    assert not Involvement.objects.filter(kind=Involvement.Kind.PROJECT_SESSION).exists()
    # Bad hours are explained and nothing is saved.
    response = staff.post(url, {f"hours_{people.member.pk}": "-1"})
    assert "govuk-error-summary" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_interest_form_is_prefilled_with_access_needs(people, project, client_for, monkeypatch):
    monkeypatch.setattr("projects.views.access_needs_text", lambda person: "I use a wheelchair")
    page = client_for(people.our_voice).get(reverse("projects:interest", args=[project.pk]))
    assert "I use a wheelchair</textarea>" in page.content.decode()


@pytest.mark.django_db
def test_calendar_feed_needs_the_right_token(people, project, client_for):
    Membership.objects.create(project=project, person=people.member)
    Session.objects.create(project=project, title="Feed meeting", starts_at=_now(),
                           ends_at=_now() + timedelta(hours=1))
    client_for(people.member).get(reverse("projects:mine"))
    feed = CalendarFeed.objects.get(person=people.member)
    response = client_for(None).get(reverse("projects:calendar_feed", args=[feed.token]))
    assert b"Feed meeting" in response.content
    wrong = client_for(None).get(reverse("projects:calendar_feed", args=["not-the-token"]))
    assert wrong.status_code == 404


@pytest.mark.django_db
def test_update_preview_then_sent_once(people, project, client_for):
    Membership.objects.create(project=project, person=people.member)
    staff = client_for(people.staff)
    staff.post(reverse("projects:update_create", args=[project.pk]),
               {"title": "News", "body": "We met.", "public": "on"})
    update = project.updates.get()
    preview = staff.get(reverse("projects:update_send", args=[update.pk])).content.decode()
    assert "Mo Member" in preview
    staff.post(reverse("projects:update_send", args=[update.pk]))
    staff.post(reverse("projects:update_send", args=[update.pk]))
    assert Notification.objects.filter(dedupe_key=f"update:{update.pk}").count() == 1
    assert "We met." in client_for(None).get(project.get_absolute_url()).content.decode()


def _now():
    from django.utils import timezone
    return timezone.now() + timedelta(days=2)


def test_interest_form_ticks_the_needs_the_member_gave_in_their_profile(people):
    from people.models import MemberProfile
    from projects.models import Status
    from tests.site_checks import client_as
    from tests.site_rules.projects import make_project

    project = make_project(people.staff, status=Status.RECRUITING)
    MemberProfile.objects.create(user=people.member, formats=["bsl", "braille"],
                                 access_needs=["step_free", "quiet_room"])
    html = client_as(people.member).get(f"/projects/{project.pk}/interest/").content.decode()
    ticked = set(re.findall(r'value="(\w+)"\s+checked', html))
    # One list of access needs: everything the profile gave that helps at a meeting (braille
    # is a format for papers, not something to arrange in the room).
    assert ticked == {"bsl", "step_free", "quiet_room"}
