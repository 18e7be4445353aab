"""Our Voice's own space: the group is a standing project (no end date), so its meetings,
attendance and claims work as for any project; papers come in each member's format; Our Voice
members keep the action log."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduction.documents import DocumentFormat
from payments.selectors import involvements_to_claim
from people.models import Format, MemberProfile
from projects import services
from projects.models import ActionItem, MeetingPaper, Membership, Project, Session
from projects.our_voice import our_voice_group_set_up, space
from tests.conftest import make_user


@pytest.fixture
def group(people):
    return our_voice_group_set_up(by=people.staff)


def test_setting_up_makes_one_standing_group_with_our_voice_as_members(people, group):
    assert group.is_standing_group and group.ends_on is None
    assert list(Membership.objects.filter(project=group).values_list("person", flat=True)) \
        == [people.our_voice.pk]
    assert our_voice_group_set_up(by=people.staff) == group
    assert Project.objects.filter(is_our_voice_group=True).count() == 1


def test_staff_set_up_the_space_from_the_page(people, client_for):
    client = client_for(people.staff)
    assert b"Set up the group" in client.get("/our-voice/group/").content
    client.post("/our-voice/group/set-up/")
    assert Project.objects.filter(is_our_voice_group=True, ends_on=None).exists()


def test_a_meeting_attended_can_be_claimed_for_like_any_project(people, group):
    starts = timezone.now() - timedelta(days=2)
    meeting = Session.objects.create(project=group, title="March meeting", starts_at=starts,
                                     ends_at=starts + timedelta(hours=2))
    services.attendance_mark(session=meeting, hours_by_person={people.our_voice.pk:
                                                               Decimal("2.00")},
                             by=people.staff)
    claimable = list(involvements_to_claim(people.our_voice))
    assert [i.title for i in claimable] and claimable[0].hours == Decimal("2.00")
    assert claimable[0].activity_key == f"project:{group.pk}"


def test_papers_in_the_members_own_format_come_first(people, group, client_for):
    MemberProfile.objects.create(user=people.our_voice, formats=[Format.EASY_READ])
    starts = timezone.now() + timedelta(days=3)
    meeting = Session.objects.create(project=group, title="Next", starts_at=starts,
                                     ends_at=starts + timedelta(hours=2))
    for title, fmt in (("Agenda", DocumentFormat.STANDARD),
                       ("Agenda easy read", DocumentFormat.EASY_READ)):
        paper = MeetingPaper(session=meeting, title=title, format=fmt,
                             uploaded_by=people.staff)
        paper.file.save("a.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    found = space(people.our_voice)
    assert [p.title for p in found["next_meetings"][0].papers.all()] == [
        "Agenda easy read", "Agenda"]
    html = client_for(people.our_voice).get("/our-voice/group/").content.decode()
    assert "Your format" in html
    easy = MeetingPaper.objects.get(title="Agenda easy read")
    download = client_for(people.our_voice).get(f"/our-voice/group/papers/{easy.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_staff_add_papers_checked_by_content(people, group, client_for):
    starts = timezone.now() + timedelta(days=3)
    meeting = Session.objects.create(project=group, title="Next", starts_at=starts,
                                     ends_at=starts + timedelta(hours=2))
    client = client_for(people.staff)
    response = client.post("/our-voice/group/papers/new/", {
        "session": meeting.pk, "kind": "minutes", "format": "large_print",
        "title": "Minutes in large print",
        "file": SimpleUploadedFile("m.pdf", b"%PDF-1.4 minutes", "application/pdf")})
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert (paper.kind, paper.format, paper.uploaded_by) == ("minutes", "large_print",
                                                             people.staff)
    # Our Voice members read papers but do not add them.
    assert client_for(people.our_voice).get("/our-voice/group/papers/new/").status_code == 403


def test_our_voice_members_add_and_update_actions(people, group, client_for):
    client = client_for(people.our_voice)
    response = client.post("/our-voice/group/actions/new/", {
        "action": "Ask finance for the payments report", "owner": "Co-chairs",
        "due_on": "2027-01-31", "status": "open"})
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.project, action.updated_by, action.due_on) == (group, people.our_voice,
                                                                 date(2027, 1, 31))
    client.post(f"/our-voice/group/actions/{action.pk}/", {
        "action": action.action, "owner": "Co-chairs", "due_on": "2027-01-31",
        "status": "done", "note": "Finance sent it"})
    action.refresh_from_db()
    assert (action.status, action.note) == ("done", "Finance sent it")
    html = client.get("/our-voice/group/").content.decode()
    assert "Ask finance for the payments report" in html and "Finance sent it" in html


def test_people_without_the_role_cannot_use_the_space(people, group, client_for):
    outsider = make_user("outsider@test.example")
    assert client_for(outsider).get("/our-voice/group/").status_code == 403
    assert client_for(people.finance).get("/our-voice/group/actions/new/").status_code == 403


def test_the_space_runs_a_fixed_number_of_queries(people, group, client_for,
                                                  django_assert_max_num_queries):
    client = client_for(people.our_voice)
    client.get("/our-voice/group/")
    for n in range(5):
        starts = timezone.now() + timedelta(days=n - 2)
        meeting = Session.objects.create(project=group, title=f"M{n}", starts_at=starts,
                                         ends_at=starts + timedelta(hours=1))
        paper = MeetingPaper(session=meeting, title=f"P{n}", uploaded_by=people.staff)
        paper.file.save("p.pdf", ContentFile(b"%PDF-1.4"), save=True)
        ActionItem.objects.create(project=group, action=f"A{n}", owner="Me",
                                  due_on=date(2027, 1, 1), updated_by=people.staff)
    with django_assert_max_num_queries(12):
        assert client.get("/our-voice/group/").status_code == 200
