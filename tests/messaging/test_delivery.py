"""The one messaging service, through the real GOV.UK Notify client talking to a fake Notify
on 127.0.0.1 (tests/messaging/fake_notify.py)."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from messaging import content
from messaging.kinds import CAN_WAIT, Kind
from messaging.models import Delivery
from messaging.tasks import check_delivery_statuses, send_delivery
from people.models import Format, MemberProfile, Notification, User
from people.services import notify_guest, notify_person

Status = Delivery.Status
Channel = Notification.Channel
ROOT = Path(settings.BASE_DIR)
# Every app's code (a folder with an apps.py), so a new room is read too.
SOURCE_DIRS = sorted(folder.name for folder in ROOT.iterdir() if (folder / "apps.py").exists())


def _person(email, channel, *, phone="07700 900982", address="1 Mill Lane\nNorthtown\nNT1 2AB",
            formats=(), name=None, frequency="as_it_happens"):
    person = User.objects.create_user(email=email, password=None, name=name or email)
    MemberProfile.objects.create(user=person, preferred_channel=channel, phone=phone,
                                 address=address, formats=list(formats),
                                 message_frequency=frequency)
    return person


def _sources():
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_every_message_in_the_code_names_its_kind():
    calls = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", "")) in ("notify_person", "notify_guest"):
                calls.append(path)
                keywords = {keyword.arg for keyword in node.keywords}
                assert "kind" in keywords, f"{path}:{node.lineno} sends a message with no kind"
    assert len(calls) >= 15  # every room's messages were found


def test_every_kind_is_sent_somewhere():
    text = "\n".join(path.read_text() for path in _sources() if path.name != "kinds.py")
    unused = [kind.name for kind in Kind if f"Kind.{kind.name}" not in text]
    assert unused == []


@pytest.mark.django_db(transaction=False)
def test_every_kind_by_every_channel_is_delivered_queued_for_staff_or_sent_another_way(
        fake_notify, django_capture_on_commit_callbacks):
    people = {
        Channel.EMAIL: _person("email@example.org", Channel.EMAIL),
        Channel.TEXT: _person("text@example.org", Channel.TEXT),
        Channel.POST: _person("post@example.org", Channel.POST, formats=[Format.LARGE_PRINT]),
        Channel.PHONE: _person("phone@example.org", Channel.PHONE),
    }
    # Prefers text, but Notify refuses the number: the message goes by email instead.
    refused = _person("refused@example.org", Channel.TEXT, phone="07700 900000")
    fake_notify.refuse.add("07700900000")
    # Prefers letters but gave no address and has no email address: the phone list.
    nothing = _person("nobody@no-email.invalid", Channel.POST, phone="01632 960001", address="")
    everyone = [*people.values(), refused, nothing]
    with django_capture_on_commit_callbacks(execute=True):
        for kind in Kind:
            for person in everyone:
                notify_person(person=person, subject=f"About {kind.label.lower()}",
                              body="We have news for you. Please read it. Thank you.",
                              url="/dashboard/", dedupe_key=f"test:{kind}", kind=kind)
            notify_guest(name="Gail Guest", channel=Channel.TEXT, contact="07700 900123",
                         subject=f"Guest: {kind.label}", body="Thank you for booking.",
                         dedupe_key=f"guest:{kind}", kind=kind)
    # Notify delivers everything it accepted; an hour later the beat job asks about each.
    for notify_id in fake_notify.statuses:
        fake_notify.statuses[notify_id] = "delivered" if not fake_notify.statuses[
            notify_id].startswith("pending") else "received"
    Delivery.objects.update(sent_at=timezone.now() - timedelta(hours=2))
    assert check_delivery_statuses()["checked"] == len(fake_notify.statuses)

    notifications = Notification.objects.prefetch_related("deliveries")
    assert notifications.count() == len(Kind) * (len(everyone) + 1)
    for notification in notifications:
        last = max(notification.deliveries.all(), key=lambda d: d.pk)
        assert last.status in (Status.DELIVERED, Status.TO_PHONE), (notification, last.status)
        for earlier in notification.deliveries.exclude(pk=last.pk):
            assert earlier.status == Status.PERMANENT_FAILURE and earlier.error
        assert notification.sent_at or last.status == Status.TO_PHONE

    def channels_of(person):
        return set(Delivery.objects.filter(notification__person=person)
                   .exclude(status=Status.PERMANENT_FAILURE).values_list("channel", flat=True))

    for channel, person in people.items():
        assert channels_of(person) == {channel}
    assert channels_of(refused) == {Channel.EMAIL}
    fallback = Delivery.objects.filter(notification__person=refused, channel=Channel.EMAIL)[0]
    assert "Not a UK mobile number" in fallback.fallback_from.error
    assert fallback.fallback_reason.startswith("The text message did not work")
    assert channels_of(nothing) == {Channel.PHONE}
    assert "do not have a postal address" in Delivery.objects.filter(
        notification__person=nothing).first().fallback_reason

    kinds = len(Kind)
    assert len(fake_notify.sent("email")) == 2 * kinds
    assert len(fake_notify.sent("sms")) == 2 * kinds  # the texter and the guest (not refused)
    letters = fake_notify.sent("letter")
    assert len(letters) == kinds and all(letter["postage"] == "second" for letter in letters)
    assert set(Delivery.objects.filter(channel=Channel.POST).values_list("version", flat=True)
               ) == {Delivery.Version.LARGE_PRINT}
    sms = fake_notify.sent("sms")[0]
    assert sms["template_id"] == settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID
    assert len(sms["personalisation"]["body"]) <= content.SMS_LIMIT
    email = fake_notify.sent("email")[0]
    assert email["personalisation"]["subject"].startswith("About")
    assert "Hello email@example.org" in email["personalisation"]["body"]
    assert not mail.outbox  # Notify sent the emails, not the portal's mail server
    assert fake_notify.unauthorised == 0


def test_news_waits_for_the_round_up_of_those_who_asked(db, fake_notify):
    person = _person("weekly@example.org", Channel.EMAIL, frequency="weekly")
    for kind in Kind:
        notify_person(person=person, subject="S", body="B", dedupe_key=str(kind), kind=kind)
    held = set(Delivery.objects.filter(status=Status.HELD)
               .values_list("notification__dedupe_key", flat=True))
    assert held == {str(kind) for kind in CAN_WAIT}


def test_a_text_message_fits_in_two_parts_and_keeps_to_plain_characters():
    body = ("Thank you for coming to the carers\u2019 event \u2014 it was \u201cgreat\u201d. "
            * 20)
    text = content.sms_text(subject="What we heard at the carers\u2019 event", body=body,
                            url="/events/12/report/")
    assert len(text) <= content.SMS_LIMIT
    assert text.endswith(f"More: {settings.SITE_URL}/events/12/report/")
    assert all(ord(character) < 128 for character in text)
    short = content.sms_text(subject="Your claim is approved", body="We will pay you soon.")
    assert short == (f"Your claim is approved. We will pay you soon. Questions? Call "
                     f"{settings.COUNCIL_PHONE}.")


def test_notify_busy_is_tried_again_then_sent(db, fake_notify):
    person = _person("text2@example.org", Channel.TEXT)
    fake_notify.busy = 1
    notification = notify_person(person=person, subject="S", body="B", kind=Kind.CLAIM)
    delivery = notification.deliveries.get()
    assert send_delivery(delivery.pk) == "will try again"
    delivery.refresh_from_db()
    assert delivery.status == Status.TEMPORARY_FAILURE and delivery.attempts == 1
    assert send_delivery(delivery.pk) == Status.SENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.notify_id in fake_notify.statuses


def test_notify_down_for_good_falls_back_after_the_last_try(db, fake_notify, settings):
    settings.MESSAGING_MAX_TRIES = 2
    person = _person("text3@example.org", Channel.TEXT)
    fake_notify.busy = 10
    notification = notify_person(person=person, subject="S", body="B", kind=Kind.CLAIM)
    delivery = notification.deliveries.get()
    send_delivery(delivery.pk)
    assert send_delivery(delivery.pk) == "fell back"
    delivery.refresh_from_db()
    assert delivery.status == Status.PERMANENT_FAILURE
    assert delivery.fallback.channel == Channel.EMAIL


def test_a_wrong_api_key_is_refused_by_notify_and_not_blamed_on_the_person(db, fake_notify,
                                                                           settings):
    settings.GOVUK_NOTIFY_API_KEY = settings.GOVUK_NOTIFY_API_KEY[:-4] + "0000"
    person = _person("text4@example.org", Channel.TEXT)
    notification = notify_person(person=person, subject="S", body="B", kind=Kind.CLAIM)
    assert send_delivery(notification.deliveries.get().pk) == "will try again"
    assert fake_notify.unauthorised == 1 and not fake_notify.received
    assert notification.deliveries.get().status == Status.TEMPORARY_FAILURE


def test_without_notify_texts_and_letters_wait_in_the_outbox_and_emails_use_the_mail_server(
        db, django_capture_on_commit_callbacks):
    texter = _person("t@example.org", Channel.TEXT)
    writer = _person("w@example.org", Channel.POST, formats=[Format.EASY_READ])
    emailer = _person("e@example.org", Channel.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        for person in (texter, writer, emailer):
            notify_person(person=person, subject="S", body="B", kind=Kind.CLAIM,
                          calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    statuses = dict(Delivery.objects.values_list("channel", "status"))
    assert statuses == {Channel.TEXT: Status.OUTBOX, Channel.POST: Status.OUTBOX,
                        Channel.EMAIL: Status.DELIVERED}
    (email,) = mail.outbox
    assert email.to == ["e@example.org"] and email.attachments[0][0] == "event.ics"
    assert Delivery.objects.get(channel=Channel.POST).version == Delivery.Version.EASY_READ


def test_letters_are_a4_with_the_address_in_the_window_and_large_print_when_asked():
    from io import BytesIO

    from pypdf import PdfReader

    body = "\n\n".join(["We met the director of adult social care and talked about short "
                        "breaks for carers, and what happens next."] * 6)
    letters = {version: PdfReader(BytesIO(content.letter_pdf(
        version=version, name="Pat Post", address="12 Mill Lane\nNorthtown\nNT1 2AB",
        subject="News from the carers group", body=body, url="/projects/1/")))
        for version in ("standard", "large_print")}
    for reader in letters.values():
        page = reader.pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595, 842)  # A4 in points
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip().startswith("12 Mill Lane"):  # in points, from the bottom left
                found.append((cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
        (x, y), = found
        # 24.6mm from the left and within 39.5mm to 66.3mm from the top (in points).
        assert 69 <= x <= 71 and 112 <= 842 - y <= 188
    assert len(letters["large_print"].pages) > len(letters["standard"].pages)


def test_on_a_worker_a_busy_notify_is_retried_later_with_backoff(db, fake_notify, monkeypatch):
    from celery.exceptions import Retry

    from messaging.services import retry_delay

    person = _person("text5@example.org", Channel.TEXT)
    notification = notify_person(person=person, subject="S", body="B", kind=Kind.CLAIM)
    delivery = notification.deliveries.get()
    fake_notify.busy = 1
    asked = {}

    def retry(**options):
        asked.update(options)
        return Retry()

    monkeypatch.setattr(send_delivery, "retry", retry)
    send_delivery.push_request(is_eager=False, called_directly=False, retries=0)
    try:
        with pytest.raises(Retry):
            send_delivery.run(delivery.pk)
    finally:
        send_delivery.pop_request()
    assert asked == {"countdown": 60}
    assert [retry_delay(tries) for tries in (1, 2, 3, 4, 9)] == [60, 120, 240, 480, 3600]
    delivery.refresh_from_db()
    assert delivery.status == Status.TEMPORARY_FAILURE
