"""Every record that moves through statuses refuses the moves its table does not declare, in
plain words, and changes nothing when it does (coproduction.states, used by each room)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from listening.models import Commitment, Registration
from listening.services import commitment_create, commitment_update, registration_cancel
from people.models import Invitation
from people.services import consent_withdraw, invitation_answer
from projects.models import Interest
from projects.services import interest_decide
from tests.listening.conftest import make_event
from tests.site_rules.projects import make_project


def test_a_done_commitment_can_be_reopened_but_not_planned_again(people):
    commitment = commitment_create(created_by=people.staff, you_said="Buses are late.",
                                   we_will="Talk to the bus company.", owner=people.staff,
                                   due_date=date.today() + timedelta(days=30))
    updates_at_start = commitment.updates.count()
    commitment_update(commitment=commitment, status=Commitment.Status.DONE, text="We met them.",
                      updated_by=people.staff)
    with pytest.raises(ValidationError, match="A commitment that is done cannot move to "
                                              "planned."):
        commitment_update(commitment=commitment, status=Commitment.Status.PLANNED, text="x",
                          updated_by=people.staff)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    commitment_update(commitment=commitment, status=Commitment.Status.IN_PROGRESS,
                      text="It was not fixed after all.", updated_by=people.staff)
    # An update that keeps the status is news, not a move.
    commitment_update(commitment=commitment, status=Commitment.Status.IN_PROGRESS,
                      text="Still talking.", updated_by=people.staff)
    assert commitment.updates.count() == updates_at_start + 3


def test_a_cancelled_booking_cannot_be_cancelled_again(people):
    event = make_event(people.staff)
    registration = Registration.objects.create(event=event, person=people.member)
    registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="A booking that is cancelled cannot move to "
                                              "cancelled."):
        registration_cancel(registration=registration)


def test_not_this_time_stands(people):
    project = make_project(people.staff)
    interest = Interest.objects.create(project=project, person=people.member,
                                       what_i_bring="I know home care.")
    interest_decide(interest=interest, decision=Interest.State.DECLINED, by=people.staff,
                    message="We have people with this experience already. Thank you.")
    with pytest.raises(ValidationError, match="An expression of interest that is not this "
                                              "time cannot move to accepted."):
        interest_decide(interest=interest, decision=Interest.State.ACCEPTED, by=people.staff)
    interest.refresh_from_db()
    assert interest.state == Interest.State.DECLINED
    assert not project.memberships.filter(person=people.member).exists()


def test_a_withdrawn_invitation_cannot_be_answered_and_answers_can_change(people):
    # (a kind no room registered, so answering runs no room's follow-up)
    first, second = [Invitation.objects.create(
        person=people.member, target_kind="test", target_id=number, target_title="A test",
        target_url="/", sent_by=people.staff) for number in (1, 2)]
    invitation_answer(invitation=first, answer=Invitation.Status.NOT_NOW)
    invitation_answer(invitation=first, answer=Invitation.Status.NO)
    assert consent_withdraw(person=people.member) == 1  # only the one still waiting
    with pytest.raises(ValueError, match="can no longer be answered"):
        invitation_answer(invitation=second, answer=Invitation.Status.YES)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Invitation.Status.NO, Invitation.Status.WITHDRAWN)
