"""The lived-experience co-chair: a member with no staff role who runs the project alongside
the staff co-chair (meetings, attendance, updates) but does not decide its status, who joins,
or see other people's private answers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Involvement
from projects import rules, services
from projects.models import Attendance, Interest, Membership, Session, Status, Update
from tests.conftest import make_user
from tests.site_rules.projects import make_project


@pytest.fixture
def chair(db):
    return make_user("chair@test.example", "Cora Chair")


@pytest.fixture
def chaired(people, chair):
    project = make_project(people.staff, status=Status.RUNNING, lived_experience_co_chair=chair)
    return services.project_save(project=project, by=people.staff)


def _meeting(project, hours=2):
    starts = timezone.now() - timedelta(days=1)
    return Session.objects.create(project=project, title="Planning", starts_at=starts,
                                  ends_at=starts + timedelta(hours=hours), venue="Library")


@pytest.mark.django_db
def test_the_co_chair_is_a_member_who_takes_no_place(people, chaired, chair):
    membership = Membership.objects.get(project=chaired, person=chair)
    assert membership.role == Membership.Role.CO_CHAIR and membership.active
    assert services.places_taken(chaired) == 0
    assert Involvement.objects.filter(person=chair,
                                      source=f"projects.membership:{membership.pk}").exists()


@pytest.mark.django_db
def test_the_co_chair_marks_attendance(people, chaired, chair, client_for):
    Membership.objects.create(project=chaired, person=people.member)
    session = _meeting(chaired)
    response = client_for(chair).post(reverse("projects:attendance", args=[session.pk]),
                                      {f"hours_{people.member.pk}": "2"})
    assert response.status_code == 302
    attendance = Attendance.objects.get(session=session, person=people.member)
    assert attendance.marked_by == chair


@pytest.mark.django_db
def test_the_co_chair_adds_meetings_and_posts_and_sends_updates(people, chaired, chair,
                                                                client_for):
    Membership.objects.create(project=chaired, person=people.member)
    c = client_for(chair)
    c.post(reverse("projects:update_create", args=[chaired.pk]),
           {"title": "Our first meeting", "body": "We agreed how we work."})
    update = Update.objects.get(project=chaired)
    assert update.author == chair
    c.post(reverse("projects:update_send", args=[update.pk]))
    assert Update.objects.get(pk=update.pk).sent_at is not None
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    c.post(reverse("projects:session_create", args=[chaired.pk]), {
        "title": "Second meeting", "date": day, "start_time": "10:00", "end_time": "12:00",
        "in_person": "on", "venue": "Library"})
    assert Session.objects.filter(project=chaired, title="Second meeting").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["status", "edit", "interest_review", "reflection"])
def test_the_co_chair_does_not_change_status_details_or_decide_who_joins(
        people, chaired, chair, client_for, page):
    assert client_for(chair).get(reverse(f"projects:{page}", args=[chaired.pk])
                                 ).status_code == 403
    assert not rules.can_edit(chair, chaired)


@pytest.mark.django_db
def test_the_co_chair_does_not_decide_on_interest(people, chaired, chair, client_for, other):
    Interest.objects.create(project=chaired, person=other)
    interest = Interest.objects.get()
    client_for(chair).post(reverse("projects:interest_decide", args=[interest.pk]),
                           {"decision": "accepted"})
    assert Interest.objects.get().state == Interest.State.PENDING
    assert not Membership.objects.filter(person=other).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["people:equality_totals", "people:bank_search"])
def test_the_co_chair_does_not_see_the_people_bank_or_equality_answers(chair, chaired,
                                                                        client_for, page):
    assert client_for(chair).get(reverse(page)).status_code == 403


@pytest.mark.django_db
def test_the_meeting_page_shows_the_co_chair_needs_not_equality_answers(people, chaired, chair,
                                                                        client_for):
    from people.models import EqualityAnswers

    Membership.objects.create(project=chaired, person=people.member, needs=["bsl"],
                              access_needs="Large print, please")
    EqualityAnswers.objects.create(
        person=people.member, notice_version="1", age_band="65_79", sex="female",
        gender_identity="yes", ethnicity="mixed", disability="yes",
        sexual_orientation="bisexual", religion="buddhist", caring="yes")
    page = client_for(chair).get(reverse("projects:session", args=[_meeting(chaired).pk]))
    html = page.content.decode()
    assert "Large print, please" in html  # what they need, so it can be arranged
    for private in ("Mixed or multiple ethnic groups", "Bisexual", "Buddhist", "65 to 79",
                    "disabled"):
        assert private not in html


@pytest.mark.django_db
def test_a_co_chair_runs_only_their_own_project(people, chaired, chair, client_for):
    elsewhere = make_project(people.staff, status=Status.RUNNING, title="Another project")
    session = _meeting(elsewhere)
    c = client_for(chair)
    assert c.get(reverse("projects:session_create", args=[elsewhere.pk])).status_code == 404
    assert c.get(reverse("projects:attendance", args=[session.pk])).status_code == 404
    assert c.get(reverse("projects:update_create", args=[elsewhere.pk])).status_code == 404


@pytest.mark.django_db
def test_a_co_chair_no_longer_chairing_no_longer_runs_it(people, chaired, chair):
    chaired.lived_experience_co_chair = make_user("new@test.example", "Nia New")
    services.project_save(project=chaired, by=people.staff)
    assert not rules.can_run(chair, chaired)
    assert rules.can_run(chaired.lived_experience_co_chair, chaired)
