"""Interest and places: saying "I'd like to take part" (once), staff offering a place (never
more than there are), saying no kindly, leaving (after being asked "are you sure?"), and a
"yes" to an invitation. The waiting list moving up is left to the shared waiting-list service
and its tests."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.invitations import answered
from people.models import Invitation, Involvement, Notification
from projects import services
from projects.models import Interest, Membership, Status
from tests.conftest import make_user
from tests.site_rules.projects import make_project


def _interest(project, person):
    return services.interest_express(project=project, person=person, what_i_bring="I care.",
                                     access_needs="")


@pytest.mark.django_db
def test_saying_it_twice_keeps_one_interest_with_the_latest_words(people, project):
    services.interest_express(project=project, person=people.member, what_i_bring="First",
                              access_needs="", needs=["bsl"])
    services.interest_express(project=project, person=people.member, what_i_bring="Second",
                              access_needs="A quiet room", needs=["step_free"])
    interest = Interest.objects.get(project=project, person=people.member)
    assert (interest.what_i_bring, interest.access_needs, interest.needs) == (
        "Second", "A quiet room", ["step_free"])


@pytest.mark.django_db
def test_someone_who_withdrew_and_asks_again_is_waiting_for_a_decision_again(people, project):
    interest = _interest(project, people.member)
    Interest.objects.filter(pk=interest.pk).update(state=Interest.State.WITHDRAWN)
    assert _interest(project, people.member).state == Interest.State.PENDING


@pytest.mark.django_db
def test_a_decision_already_made_is_not_undone_by_asking_again(people, project):
    interest = _interest(project, people.member)
    services.interest_decide(interest=interest, decision=Interest.State.DECLINED,
                             by=people.staff, message="Thank you; this one is for carers.")
    assert _interest(project, people.member).state == Interest.State.DECLINED


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.RUNNING,
                                    Status.CLOSED])
def test_interest_only_while_a_project_is_looking_for_people(people, client_for, status):
    project = make_project(people.staff, status=status)
    with pytest.raises(ValidationError):
        _interest(project, people.member)
    url = reverse("projects:interest", args=[project.pk])
    assert client_for(people.member).get(url).status_code == 404
    assert not Interest.objects.exists()


@pytest.mark.django_db
def test_places_are_never_offered_beyond_the_number_there_are(people, project, other):
    project.places = 1
    project.save()
    chair = make_user("chair@test.example", "Cora Chair")
    project.lived_experience_co_chair = chair
    services.project_save(project=project, by=people.staff)  # a co-chair takes no place
    first, second = _interest(project, people.member), _interest(project, other)
    services.interest_decide(interest=first, decision=Interest.State.ACCEPTED, by=people.staff)
    with pytest.raises(ValidationError) as refused:
        services.interest_decide(interest=second, decision=Interest.State.ACCEPTED,
                                 by=people.staff)
    assert "All the places are taken" in str(refused.value)
    assert services.places_taken(project) == 1
    assert not Membership.objects.filter(project=project, person=other).exists()
    assert Interest.objects.get(pk=second.pk).state == Interest.State.PENDING


@pytest.mark.django_db
def test_an_offer_makes_a_member_records_the_joining_once_and_tells_them(people, project):
    interest = _interest(project, people.member)
    services.interest_decide(interest=interest, decision=Interest.State.ACCEPTED,
                             by=people.staff)
    membership = Membership.objects.get(project=project, person=people.member)
    assert membership.active and membership.role == Membership.Role.MEMBER
    joined = Involvement.objects.get(person=people.member)
    assert joined.source == f"projects.membership:{membership.pk}" and joined.hours == 0
    told = Notification.objects.get(person=people.member)
    assert told.subject == f"You have a place on {project.title}"
    interest.refresh_from_db()
    assert (interest.state, interest.decided_by) == (Interest.State.ACCEPTED, people.staff)


@pytest.mark.django_db
def test_the_message_written_with_an_offer_is_in_the_email_sent(
        people, project, client_for, mailoutbox, django_capture_on_commit_callbacks):
    interest = _interest(project, people.member)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people.staff).post(reverse("projects:interest_decide", args=[interest.pk]), {
            "decision": "accepted", "message": "The first meeting is at County Hall, room 2."})
    assert len(mailoutbox) == 1
    assert "The first meeting is at County Hall, room 2." in mailoutbox[0].body
    assert "You are now a member of the project" in mailoutbox[0].body


@pytest.mark.django_db
def test_saying_no_needs_a_kind_message_which_is_what_they_are_told(people, project):
    interest = _interest(project, people.member)
    with pytest.raises(ValidationError):
        services.interest_decide(interest=interest, decision=Interest.State.DECLINED,
                                 by=people.staff, message=" ")
    assert not Notification.objects.exists()
    services.interest_decide(interest=interest, decision=Interest.State.DECLINED,
                             by=people.staff, message="Thank you. This one is for carers.")
    told = Notification.objects.get(person=people.member)
    assert told.body == "Thank you. This one is for carers."
    assert told.url == reverse("projects:list")  # other projects they might join
    assert not Membership.objects.filter(person=people.member).exists()


@pytest.mark.django_db
def test_leaving_frees_the_place_and_closes_the_interest(people, project):
    interest = _interest(project, people.member)
    services.interest_decide(interest=interest, decision=Interest.State.ACCEPTED,
                             by=people.staff)
    membership = Membership.objects.get(project=project, person=people.member)
    assert services.places_taken(project) == 1
    services.membership_end(membership=membership, by=people.member)
    membership.refresh_from_db()
    assert membership.left_at is not None and not membership.active
    assert services.places_taken(project) == 0
    assert Interest.objects.get(pk=interest.pk).state == Interest.State.WITHDRAWN


@pytest.mark.django_db
def test_leaving_asks_are_you_sure_first(people, project, client_for):
    membership = Membership.objects.create(project=project, person=people.member)
    member = client_for(people.member)
    detail = member.get(project.get_absolute_url()).content.decode()
    url = reverse("projects:membership_end", args=[membership.pk])
    assert f'href="{url}"' in detail  # a link to the question, not a button that leaves
    question = member.get(url)
    assert "Are you sure you want to leave this project?" in question.content.decode()
    assert Membership.objects.get(pk=membership.pk).active
    member.post(url)
    assert not Membership.objects.get(pk=membership.pk).active
    # Once gone, there is nothing left to leave.
    assert member.get(url).status_code == 404


@pytest.mark.django_db
def test_staff_are_asked_before_removing_someone(people, project, client_for):
    membership = Membership.objects.create(project=project, person=people.member)
    url = reverse("projects:membership_end", args=[membership.pk])
    page = client_for(people.staff).get(url).content.decode()
    assert "Are you sure you want to remove Mo Member from this project?" in page
    assert Membership.objects.get(pk=membership.pk).active


@pytest.mark.django_db
def test_nobody_else_can_end_someones_membership(people, project, client_for, other):
    membership = Membership.objects.create(project=project, person=people.member)
    url = reverse("projects:membership_end", args=[membership.pk])
    for user in (other, people.our_voice):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url).status_code == 404
    assert Membership.objects.get(pk=membership.pk).active


@pytest.mark.django_db
def test_a_yes_to_an_invitation_becomes_interest_exactly_once(people, project, other):
    Interest.objects.create(project=project, person=other, what_i_bring="My own words")
    invitation = Invitation.objects.create(
        person=other, target_kind="project", target_id=project.pk, target_title=project.title,
        target_url=project.get_absolute_url(), sent_by=people.staff, status="yes")
    answered(invitation)
    answered(invitation)
    interest = Interest.objects.get(project=project, person=other)
    assert interest.what_i_bring == "My own words"  # what they told us is not overwritten


@pytest.mark.django_db
def test_a_yes_to_a_project_no_longer_recruiting_makes_no_interest(people, other):
    project = make_project(people.staff, status=Status.RUNNING)
    assert services.interest_from_invitation(project_id=project.pk, person=other) is None
    assert not Interest.objects.exists()
