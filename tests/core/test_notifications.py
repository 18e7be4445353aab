from decimal import Decimal

from django.core import mail
from django.utils import timezone

from messaging.models import Delivery
from messaging.tasks import send_delivery
from people.models import Involvement, Notification
from people.services import involvement_record, notify_person


def test_notify_person_emails_once_and_keeps_the_message(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify_person(person=people.member, subject="Your claim is approved",
                              body="We approved your claim.", url="/dashboard/",
                              dedupe_key="claim:1:approved")
        again = notify_person(person=people.member, subject="Your claim is approved",
                              body="We approved your claim.", dedupe_key="claim:1:approved")
    assert first is not None and again is None
    assert Notification.objects.filter(person=people.member).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people.member.email]
    assert "We approved your claim." in mail.outbox[0].body
    assert "Hello Mo Member" in mail.outbox[0].body


def test_sending_the_same_delivery_twice_sends_one_email(people):
    notification = notify_person(person=people.member, subject="S", body="B", kind="claim")
    delivery = Delivery.objects.get(notification=notification)
    assert send_delivery(delivery.pk) == Delivery.Status.DELIVERED
    assert send_delivery(delivery.pk) == "not mine"
    assert len(mail.outbox) == 1


def test_recording_involvement_again_updates_rather_than_doubles(people):
    for hours in (Decimal("2.00"), Decimal("2.50")):
        involvement_record(person=people.member, kind=Involvement.Kind.PROJECT_SESSION,
                           activity_key="project:1", activity_title="Carers strategy",
                           title="Meeting 1", starts_at=timezone.now(), hours=hours,
                           source="projects.attendance:1")
    assert Involvement.objects.get().hours == Decimal("2.50")
