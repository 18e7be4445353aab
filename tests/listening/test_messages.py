"""Every listening message goes through the one messaging service (people.services): members
by notify_person, guests by notify_guest. Listening sends no email itself and marks nothing
sent itself; links in messages come from reverse() and SITE_URL in the one email template."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from listening.models import GuestMessage, Registration
from listening.services import message_key, registration_create, what_we_heard_send
from listening.tasks import send_event_reminders
from people.models import Notification
from tests.listening.conftest import make_event

pytestmark = pytest.mark.django_db
SITE = "https://involve.example.gov.uk:9000"


@override_settings(SITE_URL=SITE)
def test_a_booking_is_one_notification_emailed_with_the_calendar_file(
        member, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event=event, person=member)

    notification = Notification.objects.get(
        person=member, dedupe_key=message_key(registration, "confirmed"))
    assert notification.sent_at, "the people room's job sent it and marked it"
    (email,) = mail.outbox
    assert email.subject == f"You are booked: {event.title}"
    assert f"{SITE}{event.get_absolute_url()}" in email.body
    name, content, mimetype = email.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar")
    assert f"URL:{SITE}{event.get_absolute_url()}" in content


def test_a_guest_by_email_is_told_through_the_one_service(
        event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(
            event=event, guest_name="Gill Guest", guest_contact_method="email",
            guest_contact="gill@test.example")

    message = GuestMessage.objects.select_related("notification").get(
        registration=registration, key="confirmed")
    notification = message.notification
    assert notification.person is None and notification.guest_name == "Gill Guest"
    assert notification.channel == Notification.Channel.EMAIL and notification.sent_at
    (email,) = mail.outbox
    assert email.to == ["gill@test.example"] and email.body.startswith("Hello Gill Guest")
    assert email.attachments[0][2] == "text/calendar"


def test_a_guest_by_phone_waits_for_staff_until_they_have_called(
        client_for, staff, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, guest_name="Phil Phone",
                            guest_contact_method="phone", guest_contact="01234 567000")
    assert not mail.outbox
    client = client_for(staff)
    url = reverse("listening:event_contact_list", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Phil Phone" in page and f"You are booked: {event.title}" in page

    message = GuestMessage.objects.get(registration__guest_name="Phil Phone")
    client.post(url, {"message": message.pk})

    message.notification.refresh_from_db()
    assert message.notification.sent_at
    assert "Phil Phone" not in client.get(url).content.decode()


@override_settings(SITE_URL=SITE)
def test_what_we_heard_links_to_the_report_through_the_one_template(
        staff, past_event, django_capture_on_commit_callbacks):
    Registration.objects.create(event=past_event, guest_name="Eve Email", attended=True,
                                guest_contact_method="email", guest_contact="eve@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        what_we_heard_send(event=past_event, subject="What we heard", body="Thank you.")

    (email,) = mail.outbox
    report = reverse("listening:event_report", args=[past_event.pk])
    assert email.body.count(f"{SITE}{report}") == 1


def test_walk_ins_who_gave_no_contact_are_not_counted_as_told(staff, past_event):
    from listening.services import walk_in_add

    walk_in_add(event=past_event, name="Wendy Walk-in", added_by=staff)
    Registration.objects.create(event=past_event, guest_name="Paul Post", attended=True,
                                guest_contact_method="post", guest_contact="1 High St")

    assert what_we_heard_send(event=past_event, subject="Heard", body="Thanks") == (1, 1)


def test_reminders_reach_guests_through_the_one_service(staff):
    from datetime import timedelta

    from django.utils import timezone

    tomorrow = make_event(staff, days=1)
    tomorrow.starts_at = timezone.localtime().replace(hour=10, minute=0) + timedelta(days=1)
    tomorrow.ends_at = tomorrow.starts_at + timedelta(hours=2)
    tomorrow.save()
    registration = registration_create(event=tomorrow, guest_name="Pat Post",
                                       guest_contact_method="post", guest_contact="1 High St")

    assert send_event_reminders() == 1
    assert send_event_reminders() == 0
    reminder = GuestMessage.objects.get(registration=registration, key="reminder")
    assert reminder.notification.channel == Notification.Channel.POST
    assert reminder.notification.subject == f"Tomorrow: {tomorrow.title}"


def test_listening_sends_no_email_and_marks_nothing_sent_itself():
    for path in Path(settings.BASE_DIR, "listening").glob("*.py"):
        source = path.read_text()
        assert not re.search(r"\bsent_at\b", source), f"{path.name} writes sent_at"
        assert "send_mail" not in source and "EmailMessage" not in source, path.name
        assert "SITE_URL" not in source, f"{path.name} builds a link by hand"


def test_what_we_told_a_guest_goes_with_a_deleted_event(member, event):
    from listening.services import event_delete

    registration_create(event=event, guest_name="Phil Phone", guest_contact_method="phone",
                        guest_contact="01234 567000")
    registration_create(event=event, person=member)
    assert Notification.objects.filter(guest_name="Phil Phone").exists()

    event_delete(event=event)

    assert not Notification.objects.filter(guest_name="Phil Phone").exists()
    assert not Registration.objects.exists() and not GuestMessage.objects.exists()
    # A member's own messages stay in their list of messages.
    assert Notification.objects.filter(person=member).exists()
