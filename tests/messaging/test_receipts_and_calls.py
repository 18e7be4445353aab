"""Notify's delivery receipts (the callback URL and the hourly check), the people to phone,
and what staff see."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from messaging.kinds import Kind
from messaging.models import CallAttempt, Delivery
from messaging.tasks import check_delivery_statuses
from people.models import MemberProfile, Notification, User
from people.services import notify_person

Status = Delivery.Status
Channel = Notification.Channel
TOKEN = "a-long-random-callback-token-for-tests"
CALLBACK = "/messages/notify-callback/"


def _person(email, channel, *, address="1 Mill Lane\nNorthtown\nNT1 2AB", name="Pat Jones"):
    person = User.objects.create_user(email=email, password=None, name=name)
    MemberProfile.objects.create(user=person, preferred_channel=channel, phone="07700 900982",
                                 address=address)
    return person


@pytest.fixture
def sent_text(db, fake_notify, settings, django_capture_on_commit_callbacks):
    settings.GOVUK_NOTIFY_CALLBACK_TOKEN = TOKEN
    person = _person("t@example.org", Channel.TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_person(person=person, subject="Your claim is approved",
                                     body="We will pay you soon.", kind=Kind.CLAIM)
    delivery = notification.deliveries.get()
    assert delivery.status == Status.SENDING and delivery.notify_id
    return delivery


def _post(client, body, token=TOKEN):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(CALLBACK, data=json.dumps(body), content_type="application/json",
                       **headers)


def test_a_receipt_with_the_right_token_updates_the_message(client, sent_text):
    response = _post(client, {"id": sent_text.notify_id, "reference": "delivery-1",
                              "to": "07700900982", "status": "delivered",
                              "notification_type": "sms"})
    assert response.status_code == 200 and response.json() == {"matched": True}
    sent_text.refresh_from_db()
    assert sent_text.status == Status.DELIVERED and sent_text.receipt_at


@pytest.mark.parametrize("token", ["", "wrong-token", TOKEN + "x", TOKEN[:-1]])
def test_a_receipt_without_the_right_token_changes_nothing(client, sent_text, token):
    response = _post(client, {"id": sent_text.notify_id, "status": "delivered"}, token=token)
    assert response.status_code == 401
    sent_text.refresh_from_db()
    assert sent_text.status == Status.SENDING


def test_the_callback_is_post_only_needs_no_csrf_and_is_off_without_a_token(client, sent_text,
                                                                             settings):
    from django.test import Client

    assert client.get(CALLBACK).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, {"id": "not-ours", "status": "delivered"}).json() == {
        "matched": False}
    assert _post(client, {"nothing": "useful"}).status_code == 400
    assert client.post(CALLBACK, data="not json", content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 400
    settings.GOVUK_NOTIFY_CALLBACK_TOKEN = ""
    assert _post(client, {"id": sent_text.notify_id, "status": "delivered"},
                 token="").status_code == 404


def test_a_permanent_failure_falls_back_and_shows_on_the_person_page(
        client_for, people, sent_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_for(None), {"id": sent_text.notify_id, "status": "permanent-failure"})
    sent_text.refresh_from_db()
    assert sent_text.status == Status.PERMANENT_FAILURE
    assert sent_text.fallback.channel == Channel.EMAIL
    assert sent_text.fallback.status == Status.SENDING
    page = client_for(people.staff).get(
        reverse("people:bank_person", args=[sent_text.notification.person_id]))
    text = page.content.decode()
    assert "Some messages could not be delivered" in text
    assert "The phone number could not get text messages" in text
    assert "Sent by email instead" in text


def test_a_temporary_failure_is_sent_again(client, sent_text, fake_notify,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, {"id": sent_text.notify_id, "status": "temporary-failure"})
    sent_text.refresh_from_db()
    assert sent_text.status == Status.SENDING and sent_text.attempts == 2
    assert len(fake_notify.sent("sms")) == 2


def test_the_hourly_check_asks_notify_only_about_messages_it_has_not_reported(sent_text,
                                                                             fake_notify):
    fake_notify.statuses[sent_text.notify_id] = "delivered"
    assert check_delivery_statuses()["checked"] == 0  # sent just now: wait for the callback
    Delivery.objects.update(sent_at=timezone.now() - timedelta(minutes=61))
    assert check_delivery_statuses() == {"checked": 1, "changed": 1}
    sent_text.refresh_from_db()
    assert sent_text.status == Status.DELIVERED
    assert check_delivery_statuses()["checked"] == 0


# --- People to phone ----------------------------------------------------------------------


@pytest.fixture
def to_phone(db, people):
    person = _person("ph@example.org", Channel.PHONE, name="Phil Phone")
    notification = notify_person(person=person, subject="You have a place on the carers group",
                                 body="The first meeting is on Monday at 10am.",
                                 url="/projects/", kind=Kind.PROJECT_PLACE)
    return notification.deliveries.get()


def test_the_phone_list_says_what_to_tell_each_person(client_for, people, to_phone,
                                                      django_assert_max_num_queries):
    client = client_for(people.staff)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("messaging:phone_list"))
    text = page.content.decode()
    assert "Phil Phone: You have a place on the carers group" in text
    assert "The first meeting is on Monday at 10am." in text
    assert "07700 900982" in text


def test_told_on_the_phone_is_done_and_recorded(client_for, people, to_phone):
    response = client_for(people.staff).post(
        reverse("messaging:call", args=[to_phone.pk]),
        {"outcome": "told", "note": "Happy to come"})
    assert response.status_code == 302
    to_phone.refresh_from_db()
    assert to_phone.status == Status.PHONED and to_phone.done_by == people.staff
    to_phone.notification.refresh_from_db()
    assert to_phone.notification.sent_at
    attempt = CallAttempt.objects.get()
    assert (attempt.outcome, attempt.by, attempt.note) == ("told", people.staff, "Happy to come")
    page = client_for(people.staff).get(reverse("messaging:phone_list"))
    assert "Phil Phone" not in page.content.decode()


def test_not_reached_stays_on_the_list_and_a_letter_goes_too(client_for, people, to_phone):
    client_for(people.staff).post(reverse("messaging:call", args=[to_phone.pk]),
                                  {"outcome": "not_reached", "note": "No answer"})
    to_phone.refresh_from_db()
    assert to_phone.status == Status.NOT_REACHED
    letter = Delivery.objects.get(channel=Channel.POST)
    assert "could not reach them" in letter.fallback_reason
    page = client_for(people.staff).get(reverse("messaging:phone_list"))
    assert "Not reached yet" in page.content.decode()


def test_the_outbox_shows_each_channel_in_few_queries(client_for, people, to_phone,
                                                      django_capture_on_commit_callbacks,
                                                      django_assert_max_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        for number, channel in enumerate([Channel.TEXT, Channel.POST, Channel.EMAIL] * 5):
            notify_person(person=_person(f"o{number}@example.org", channel), subject="Hello",
                          body="Some news.", kind=Kind.CLAIM)
    client = client_for(people.admin)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("messaging:outbox"))
    text = page.content.decode()
    assert "Text message: 5" in text and "Letter: 5" in text and "Phone call: 1" in text
    assert "GOV.UK Notify is not connected" in text
    letter = Delivery.objects.filter(channel=Channel.POST).first()
    detail = client.get(reverse("messaging:delivery", args=[letter.pk])).content.decode()
    assert "Exactly what would be sent" in detail and "1 Mill Lane" in detail
    pdf = client.get(reverse("messaging:letter_pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    texts = client.get(reverse("messaging:outbox") + "?channel=text").content.decode()
    assert texts.count("Hello</a>") == 5
