"""Events use the one waiting list (coproduction.waiting_list): nobody jumps the queue, places
are counted one way on every page, the first waiting moves up and is told, and two
cancellations at once move two people once each."""

import pytest
from django.urls import reverse

from listening.models import Event, Registration
from listening.services import event_save, places_left, registration_cancel, registration_create
from people.models import Notification
from tests.at_once import postgresql_only, run_at_once
from tests.conftest import make_user
from tests.listening.conftest import make_event


def _members(count, prefix="p"):
    return [make_user(f"{prefix}{i}@test.example", f"Person {prefix}{i}") for i in range(count)]


def _booked(event, people):
    return [registration_create(event=event, person=person) for person in people]


@pytest.fixture
def nearly_full(db, staff):
    """The case from issue 10: capacity 4, 3 booked and a guest waiting (the guest brings a
    carer, who takes a place at this event, so the one free place is not enough)."""
    event = make_event(staff, capacity=4, companions_take_places=True, title="Moving on")
    booked = _booked(event, _members(3))
    guest = registration_create(event=event, guest_name="Gill Guest",
                                guest_contact_method=Registration.ContactMethod.PHONE,
                                guest_contact="01234 567000", brings_carer=True)
    assert guest.status == Registration.Status.WAITING
    return event, booked, guest


def test_a_newcomer_never_jumps_ahead_of_someone_waiting(nearly_full):
    event, booked, guest = nearly_full

    newcomer = registration_create(event=event, person=make_user("new@test.example"))

    assert newcomer.status == Registration.Status.WAITING
    registration_cancel(registration=booked[0])
    guest.refresh_from_db()
    newcomer.refresh_from_db()
    assert guest.status == Registration.Status.CONFIRMED, "the guest was first in the queue"
    assert newcomer.status == Registration.Status.WAITING


def test_no_place_is_shown_as_left_while_someone_waits(nearly_full, client):
    event, _, _ = nearly_full
    assert places_left(event) == 0

    detail = client.get(event.get_absolute_url()).content.decode()
    register = client.get(reverse("listening:event_register", args=[event.pk])).content.decode()

    assert "None – join the waiting list" in detail
    assert "1 place" not in detail
    assert "The event is full" in register


def test_the_events_list_marks_full_events(client, staff, nearly_full):
    full, _, _ = nearly_full
    roomy = make_event(staff, capacity=10, title="Plenty of room")
    registration_create(event=roomy, person=make_user("r@test.example"))
    unlimited = make_event(staff, title="No limit")
    booked_out = make_event(staff, capacity=1, title="Booked out")
    registration_create(event=booked_out, person=make_user("b@test.example"))

    page = client.get(reverse("listening:event_list")).content.decode()

    def card(title):
        start = page.index(title)
        return page[start:page.index("</dl>", start)]

    tag = "Full – join the waiting list"
    assert tag in card(full.title), "someone waiting: full to newcomers, though 1 place is free"
    assert tag in card(booked_out.title)
    assert tag not in card(roomy.title) and tag not in card(unlimited.title)


def test_events_list_runs_the_same_queries_for_more_events(client, staff,
                                                           django_assert_max_num_queries):
    for number in range(3):
        event = make_event(staff, capacity=2, title=f"Event {number}")
        _booked(event, _members(3, prefix=f"e{number}-"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("listening:event_list"))
    for number in range(3, 9):
        event = make_event(staff, capacity=2, title=f"Event {number}")
        _booked(event, _members(3, prefix=f"e{number}-"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("listening:event_list"))


def test_people_move_up_in_the_order_they_joined_the_queue(staff):
    event = make_event(staff, capacity=1)
    first, *waiting = _booked(event, _members(4))
    assert [r.status for r in waiting] == [Registration.Status.WAITING] * 3

    registration_cancel(registration=first)
    assert _statuses(waiting) == ["confirmed", "waiting", "waiting"]

    # Two more places: the next two move up, in turn.
    event.capacity = 3
    event_save(event=event)
    assert _statuses(waiting) == ["confirmed", "confirmed", "confirmed"]


def test_the_first_in_the_queue_is_not_passed_over_for_someone_needing_fewer_places(staff):
    event = make_event(staff, capacity=2, companions_take_places=True)
    first, second = _booked(event, _members(2))
    with_carer = registration_create(event=event, person=make_user("w1@test.example"),
                                     brings_carer=True)
    alone = registration_create(event=event, person=make_user("w2@test.example"))

    registration_cancel(registration=first)  # one place free; the first waiting needs two
    assert _statuses([with_carer, alone]) == ["waiting", "waiting"]

    registration_cancel(registration=second)
    assert _statuses([with_carer, alone]) == ["confirmed", "waiting"]


def test_the_person_who_moves_up_is_told_once(staff, django_capture_on_commit_callbacks):
    event = make_event(staff, capacity=1)
    first, waiting = _booked(event, _members(2))

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)
        event_save(event=Event.objects.get(pk=event.pk))  # saving again moves nobody

    waiting.refresh_from_db()
    told = Notification.objects.filter(person=waiting.person,
                                       subject__startswith="A place has come free")
    assert told.count() == 1


def test_two_cancellations_move_two_people_once_each(staff):
    event = make_event(staff, capacity=2)
    first, second, *waiting = _booked(event, _members(5))

    registration_cancel(registration=first)
    registration_cancel(registration=second)

    assert _statuses(waiting) == ["confirmed", "confirmed", "waiting"]
    for registration in waiting[:2]:
        assert Notification.objects.filter(
            person=registration.person, subject__startswith="A place has come free").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_the_same_moment_on_postgresql(staff):
    event = make_event(staff, capacity=2)
    first, second = _booked(event, _members(2))
    waiting = _booked(event, _members(3, prefix="w"))

    errors = run_at_once(lambda: registration_cancel(registration=first),
                         lambda: registration_cancel(registration=second))

    assert not errors
    assert _statuses(waiting) == ["confirmed", "confirmed", "waiting"]
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2
    for registration in waiting[:2]:
        assert Notification.objects.filter(
            person=registration.person, subject__startswith="A place has come free").count() == 1


def _statuses(registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [registration.status for registration in registrations]
