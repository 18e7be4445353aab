"""Registering, the waiting list moving up, confirmations with a calendar file, guests."""

import pytest
from django.core import mail
from django.urls import reverse

from listening.models import GuestMessage, Registration
from listening.services import message_key, registration_cancel, registration_create
from people.models import Notification
from tests.conftest import make_user
from tests.listening.conftest import make_event

# Emails go out after the commit: the tests that read them run the on-commit callbacks
# (django_capture_on_commit_callbacks) instead of committing real transactions.
pytestmark = pytest.mark.django_db


def test_member_registers_and_gets_one_email_with_a_calendar_file(
        client_for, member, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            reverse("listening:event_register", args=[event.pk]),
            {"access_needs": "A hearing loop", "brings": ["carer"]})

    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=member)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.access_needs == "A hearing loop" and registration.brings_carer
    emails = [m for m in mail.outbox if m.to == [member.email]]
    assert len(emails) == 1, "the plain notification email must not go out as well"
    assert emails[0].subject == f"You are booked: {event.title}"
    name, content, mimetype = emails[0].attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in str(content)
    assert Notification.objects.filter(person=member,
                                       dedupe_key=message_key(registration, "confirmed"))


def test_register_form_is_pre_filled_with_access_needs(client_for, member, event, monkeypatch):
    monkeypatch.setattr("listening.views.access_needs_text", lambda person: "Large print")
    response = client_for(member).get(reverse("listening:event_register", args=[event.pk]))
    assert "Large print</textarea>" in response.content.decode()


def test_full_event_puts_people_on_the_waiting_list_who_move_up_on_cancel(
        staff, event, django_capture_on_commit_callbacks):
    first, second, third = (make_user(f"p{i}@test.example", f"Person {i}") for i in range(3))
    a = registration_create(event=event, person=first)
    registration_create(event=event, person=second)
    waiting = registration_create(event=event, person=third)
    assert waiting.status == Registration.Status.WAITING
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=a)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert Notification.objects.filter(
        person=third, dedupe_key=message_key(waiting, "confirmed")).exists()
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert "A place has come free" in mail.outbox[0].subject


def test_companions_take_no_place_unless_the_organiser_says_so(staff, event):
    first = make_user("c1@test.example")
    registration_create(event=event, person=first, brings_carer=True, brings_interpreter=True)
    second = registration_create(event=event, person=make_user("c2@test.example"))
    assert second.status == Registration.Status.CONFIRMED

    strict = make_event(staff, capacity=2, companions_take_places=True, title="Strict")
    registration_create(event=strict, person=first, brings_carer=True)
    late = registration_create(event=strict, person=make_user("c3@test.example"))
    assert late.status == Registration.Status.WAITING


def test_guest_by_email_gets_the_calendar_file(client, event,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("listening:event_register", args=[event.pk]), {
            "guest_name": "Gill Guest", "guest_contact_method": "email",
            "guest_contact": "gill@test.example"})
    assert response.status_code == 302
    registration = Registration.objects.get(guest_name="Gill Guest")
    assert registration.person is None
    assert mail.outbox[-1].to == ["gill@test.example"]
    assert mail.outbox[-1].attachments[0][2] == "text/calendar"
    message = GuestMessage.objects.get(registration=registration, key="confirmed")
    assert message.notification.sent_at and message.notification.person is None
    assert message.notification.guest_contact == "gill@test.example"
    assert "Hello Gill Guest" in mail.outbox[-1].body


def test_guest_by_phone_is_listed_for_staff_to_call(client, client_for, staff, event,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("listening:event_register", args=[event.pk]), {
            "guest_name": "Phil Phone", "guest_contact_method": "phone",
            "guest_contact": "01234 567000"})
    assert not mail.outbox
    page = client_for(staff).get(reverse("listening:event_contact_list", args=[event.pk]))
    assert "Phil Phone" in page.content.decode() and "01234 567000" in page.content.decode()


def test_member_cannot_register_twice_and_can_cancel(client_for, member, event):
    client = client_for(member)
    client.post(reverse("listening:event_register", args=[event.pk]), {})
    assert client.get(reverse("listening:event_register", args=[event.pk])).status_code == 302
    client.post(reverse("listening:registration_cancel", args=[event.pk]))
    assert Registration.objects.get(person=member).status == Registration.Status.CANCELLED
    client.post(reverse("listening:event_register", args=[event.pk]), {})
    assert Registration.objects.get(person=member).status == Registration.Status.CONFIRMED


def test_calendar_download(client, event):
    response = client.get(reverse("listening:event_calendar", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert event.title.encode() in response.content


def test_unpublished_event_is_hidden_from_members(client_for, member, staff):
    hidden = make_event(staff, is_published=False, title="Draft")
    assert client_for(member).get(hidden.get_absolute_url()).status_code == 404
    assert client_for(staff).get(hidden.get_absolute_url()).status_code == 200


def test_a_yes_to_an_invitation_registers_the_person(member, staff, event):
    from people.invitations import answered
    from people.models import Invitation

    invitation = Invitation.objects.create(
        person=member, target_kind="event", target_id=event.pk, target_title=event.title,
        target_url=event.get_absolute_url(), sent_by=staff, status=Invitation.Status.YES)
    answered(invitation)
    assert Registration.objects.get(event=event, person=member).status == "confirmed"


def test_booking_again_after_cancelling_is_confirmed_again(member, event,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = registration_create(event=event, person=member)
    registration_cancel(registration=first)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = registration_create(event=event, person=member)

    assert again.pk == first.pk
    assert [m.subject for m in mail.outbox] == [f"You are booked: {event.title}"]
