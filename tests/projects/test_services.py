from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.invitations import answered, find_target, open_targets
from people.models import Invitation, Notification
from projects import services, tasks
from projects.models import Interest, Membership, Session, Status


@pytest.mark.django_db
def test_moves_follow_the_allowed_transitions(people, project):
    with pytest.raises(ValidationError):
        services.project_move(project=project, to=Status.CLOSED, by=people.staff)
    with pytest.raises(ValidationError):
        services.project_move(project=project, to=Status.DRAFT, by=people.staff)


@pytest.mark.django_db
def test_reminders_go_once_per_session_and_person(people, project, other):
    tomorrow = timezone.localtime() + timedelta(days=1)
    session = Session.objects.create(project=project, title="Planning", starts_at=tomorrow,
                                     ends_at=tomorrow + timedelta(hours=2))
    Session.objects.create(project=project, title="Later", starts_at=tomorrow + timedelta(
        days=3), ends_at=tomorrow + timedelta(days=3, hours=1))
    for person in (people.member, other):
        Membership.objects.create(project=project, person=person)
    assert tasks.send_session_reminders() == 1
    assert tasks.send_session_reminders() == 0
    assert services.session_send_reminders(session.pk) == 0
    reminders = Notification.objects.filter(dedupe_key=f"session:{session.pk}:reminder")
    assert sorted(reminders.values_list("person", flat=True)) == sorted(
        [people.member.pk, other.pk])


@pytest.mark.django_db
def test_invitation_yes_becomes_interest(people, project, other):
    assert any(t.pk == project.pk for t in open_targets())
    assert find_target(f"project:{project.pk}").title == project.title
    invitation = Invitation.objects.create(
        person=other, target_kind="project", target_id=project.pk, target_title=project.title,
        target_url=project.get_absolute_url(), sent_by=people.staff, status="yes")
    answered(invitation)
    answered(invitation)
    interest = Interest.objects.get(project=project, person=other)
    assert interest.state == Interest.State.PENDING
    project.status = Status.CLOSED
    project.save()
    assert find_target(f"project:{project.pk}") is None


@pytest.mark.django_db
def test_decline_needs_a_kind_message(people, project, other):
    interest = Interest.objects.create(project=project, person=other)
    with pytest.raises(ValidationError):
        services.interest_decide(interest=interest, decision="declined", by=people.staff)
    services.interest_decide(interest=interest, decision="declined", by=people.staff,
                             message="Thank you. This one is for carers only.")
    assert Notification.objects.get(person=other).body.startswith("Thank you")


@pytest.mark.django_db
def test_my_data_and_erasure(people, project):
    from people.data_rights import data_sections, erasure_hooks

    Interest.objects.create(project=project, person=people.member, what_i_bring="My story",
                            access_needs="Hearing loop")
    section = next(s for s in data_sections() if s.name == "projects")
    assert section.collect(people.member)[0]["what you would bring"] == "My story"
    for hook in erasure_hooks():
        if hook.__module__ == "projects.data_rights":
            hook(people.member)
    interest = Interest.objects.get(person=people.member)
    assert interest.what_i_bring == "" and interest.access_needs == ""
