"""A guest whose only contact failed, on the phone list; each person's messages in
"download my data"."""

import json

import pytest
from django.urls import reverse

from messaging.kinds import Kind
from messaging.models import Delivery
from messaging.services import fall_back
from people.data_export import data_export_context
from people.models import MemberProfile, Notification, User
from people.services import notify_guest, notify_person

Status = Delivery.Status
Channel = Notification.Channel


@pytest.fixture
def guest_email_failed(db, people):
    notification = notify_guest(name="Gail Guest", channel=Channel.EMAIL,
                                contact="gail@example.org", subject="Your place is confirmed",
                                body="See you on Monday.", kind=Kind.CONFIRMATION)
    email = notification.deliveries.get()
    return fall_back(email, "The email address did not work.")


def test_a_guest_whose_email_failed_is_listed_without_the_email_as_a_number(
        guest_email_failed, client_for, people):
    call = guest_email_failed
    assert call.channel == Channel.PHONE and call.status == Status.TO_PHONE
    assert call.to == "" and call.phone_to_call == ""
    client = client_for(people.staff)
    for url in (reverse("messaging:phone_list"), reverse("messaging:call", args=[call.pk])):
        page = client.get(url).content.decode()
        assert ("No phone number: their email address gail@example.org could not be used. "
                "Find another way to reach them.") in page
        assert "Phone: gail@example.org" not in page


def test_a_guest_who_gave_a_phone_number_is_listed_with_it(db, people, client_for):
    notification = notify_guest(name="Pete Guest", channel=Channel.PHONE,
                                contact="01632 960002", subject="Your place is confirmed",
                                body="See you on Monday.", kind=Kind.CONFIRMATION)
    call = notification.deliveries.get()
    assert call.phone_to_call == "01632 960002"
    page = client_for(people.staff).get(reverse("messaging:phone_list")).content.decode()
    assert "Phone: 01632 960002." in page and "No phone number" not in page


def test_an_old_call_with_an_address_in_it_is_not_shown_as_a_number(
        guest_email_failed, client_for, people):
    Delivery.objects.filter(pk=guest_email_failed.pk).update(to="gail@example.org")
    page = client_for(people.staff).get(reverse("messaging:phone_list")).content.decode()
    assert "Phone: gail@example.org" not in page
    assert "their email address gail@example.org could not be used" in page


def test_a_member_with_no_number_is_told_plainly(db, people, client_for):
    person = User.objects.create_user(email="", password=None, name="Nell No-number")
    MemberProfile.objects.create(user=person, preferred_channel=Channel.PHONE)
    notify_person(person=person, subject="A reminder", body="Monday at 10am.",
                  kind=Kind.REMINDER)
    page = client_for(people.staff).get(reverse("messaging:phone_list")).content.decode()
    assert "No phone number: find another way to reach them." in page


def test_my_data_has_how_each_of_my_messages_reached_me_and_nobody_else_s(
        db, people, client_for):
    me = User.objects.create_user(email="me@example.org", password=None, name="Mo Me")
    MemberProfile.objects.create(user=me, preferred_channel=Channel.TEXT,
                                 phone="07700 900982")
    other = User.objects.create_user(email="other@example.org", password=None, name="Ola")
    notify_person(person=me, subject="Your claim is approved", body="We will pay you soon.",
                  kind=Kind.CLAIM)
    notify_person(person=other, subject="Not for you", body="Someone else's news.",
                  kind=Kind.CLAIM)
    notify_guest(name="Gail Guest", channel=Channel.PHONE, contact="01632 960002",
                 subject="A guest's message", body="Not for you either.",
                 kind=Kind.CONFIRMATION)

    response = client_for(me).get(reverse("people:my_data") + "?format=json")
    body = json.loads(b"".join(response.streaming_content) if response.streaming
                      else response.content)
    [record] = body["message_deliveries"]
    assert record["Subject"] == "Your claim is approved"
    assert record["How"] == "Text message" and record["Sent to"] == "07700900982"
    assert record["What happened"] == "Waiting to send" and record["Made"]
    assert record["Exact words"].startswith("Your claim is approved.")

    page = client_for(me).get(reverse("people:my_data")).content.decode()
    assert "How each message reached you" in page and "Your claim is approved" in page
    assert "Not for you" not in page and "A guest" not in page

    context = data_export_context(me)  # what the PDF is made from
    [section] = [s for s in context["sections"] if s["name"] == "message_deliveries"]
    assert [r["Subject"] for r in section["records"]] == ["Your claim is approved"]
    assert section["picture"] == "letter"
