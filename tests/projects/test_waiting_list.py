"""Projects use the one waiting list (coproduction.waiting_list): a place goes to the first
person waiting, never to a newcomer ahead of them; they are told; and two people leaving at
once move two people up, once each."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.models import Notification
from projects import services
from projects.models import Interest, Membership
from tests.at_once import postgresql_only, run_at_once
from tests.conftest import make_user


def _interested(project, count, prefix="p"):
    people = [make_user(f"{prefix}{i}@test.example", f"Person {prefix}{i}") for i in range(count)]
    return [Interest.objects.create(project=project, person=person, what_i_bring="Time")
            for person in people]


def _decide(interest, decision, staff):
    return services.interest_decide(interest=interest, decision=decision, by=staff,
                                    message="We will tell you when a place comes up.")


def _full_with_queue(project, staff, *, members=2, waiting=2):
    """A project with `members` places, all taken, and people waiting in order."""
    project.places = members
    project.save(update_fields=["places"])
    interests = _interested(project, members + waiting)
    for interest in interests[:members]:
        _decide(interest, "accepted", staff)
    for interest in interests[members:]:
        _decide(interest, "waiting", staff)
    return interests[:members], interests[members:]


def _membership(interest):
    return Membership.objects.get(project=interest.project, person=interest.person)


def _states(interests):
    for interest in interests:
        interest.refresh_from_db()
    return [interest.state for interest in interests]


def test_a_newcomer_cannot_be_given_a_place_while_someone_waits(project, staff):
    (accepted,), (waiting,) = _full_with_queue(project, staff, members=1, waiting=1)
    # Someone is waiting though a place is free (say, from data entered before this rule).
    project.places = 2
    project.save(update_fields=["places"])
    (newcomer,) = _interested(project, 1, prefix="new")

    assert services.places_left(project) == 0
    with pytest.raises(ValidationError, match="waiting list"):
        _decide(newcomer, "accepted", staff)
    assert _states([newcomer]) == ["pending"]


def test_the_first_waiting_moves_up_not_a_newcomer(project, staff):
    (leaving,), queue = _full_with_queue(project, staff, members=1, waiting=2)
    (newcomer,) = _interested(project, 1, prefix="new")

    moved = services.membership_end(membership=_membership(leaving), by=staff)

    assert moved.pk == queue[0].pk
    assert _states(queue) == ["accepted", "waiting"]
    assert _states([newcomer]) == ["pending"]
    assert _membership(queue[0]).active
    told = Notification.objects.filter(person=queue[0].person,
                                       dedupe_key=f"interest:{queue[0].pk}:moved-up")
    assert told.count() == 1


def test_the_queue_is_in_the_order_people_were_put_on_it(project, staff):
    (leaving,), queue = _full_with_queue(project, staff, members=1, waiting=2)
    # The second person expressed interest earlier, but was put on the list later.
    Interest.objects.filter(pk=queue[1].pk).update(
        created_at=timezone.now() - timedelta(days=30))

    services.membership_end(membership=_membership(leaving), by=staff)

    assert _states(queue) == ["accepted", "waiting"]


def test_more_places_move_people_up_in_turn(project, staff):
    _, queue = _full_with_queue(project, staff, members=1, waiting=3)

    project.places = 3
    services.project_save(project=project, by=staff)

    assert _states(queue) == ["accepted", "accepted", "waiting"]


def test_nobody_waits_while_a_place_is_free(project, staff):
    (interest,) = _interested(project, 1)
    with pytest.raises(ValidationError, match="free place"):
        _decide(interest, "waiting", staff)


def test_the_project_page_says_full_while_someone_waits(project, staff, client_for):
    _full_with_queue(project, staff, members=1, waiting=1)
    project.places = 2
    project.save(update_fields=["places"])
    page = client_for(make_user("reader@test.example")).get(project.get_absolute_url())
    content = page.content.decode()
    assert "Full – you can still tell us you are interested" in content
    assert "1 place left" not in content


def test_two_people_leaving_move_two_people_up_once_each(project, staff):
    leaving, queue = _full_with_queue(project, staff, members=2, waiting=3)

    for interest in leaving:
        services.membership_end(membership=_membership(interest), by=staff)

    assert _states(queue) == ["accepted", "accepted", "waiting"]
    for interest in queue[:2]:
        assert Notification.objects.filter(
            person=interest.person, dedupe_key=f"interest:{interest.pk}:moved-up").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_people_leaving_at_the_same_moment_on_postgresql(project, staff):
    leaving, queue = _full_with_queue(project, staff, members=2, waiting=3)
    first, second = (_membership(interest) for interest in leaving)

    errors = run_at_once(lambda: services.membership_end(membership=first, by=staff),
                         lambda: services.membership_end(membership=second, by=staff))

    assert not errors
    assert _states(queue) == ["accepted", "accepted", "waiting"]
    assert services.places_taken(project) == 2
