"""The one messaging service. people.services.notify_person (and notify_guest) make the
message; `deliver` picks how it reaches the person and records it:

- the channel they prefer (email, text message, letter, or a phone call from staff) if we
  have the details it needs, otherwise the next one we can use, and the staff list of people
  to phone when nothing else works: a message is never dropped;
- in their format (a large-print or easy-read letter for those who asked);
- through GOV.UK Notify when the portal has a Notify key; without one, text messages and
  letters wait in the outbox that staff can read (emails then go through the portal's own
  mail server, as before);
- news that can wait (messaging.kinds.CAN_WAIT) is kept for the person's weekly or monthly
  round-up if they asked for one (messaging.digests).

Every step is a Delivery row: what was sent, when, how, its status, and what it fell back
to. Logs carry ids and counts only, no personal data."""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coproduction.documents import DocumentFormat
from messaging import content, notify
from messaging.kinds import CAN_WAIT
from messaging.models import CallAttempt, Channel, Delivery, Frequency
from people.models import Notification
from people.selectors import document_format_for

logger = logging.getLogger(__name__)
Status = Delivery.Status

# The order to try when a channel cannot be used; the staff phone list is always last.
FALLBACK_ORDER = [Channel.EMAIL, Channel.TEXT, Channel.POST]
MOBILE = re.compile(r"^(?:\+?44|0)7\d{9}$")
PHONE = re.compile(r"^\+?\d{6,15}$")


# --- Who can be reached how -------------------------------------------------------------


def _profile(person):
    return getattr(person, "profile", None) if person else None


def email_address(person) -> str:
    """Their real email address, or "" (no address, or a placeholder ending in .invalid)."""
    email = (getattr(person, "email", "") or "").strip()
    return "" if not email or email.endswith(".invalid") else email


def mobile_number(phone: str) -> str:
    digits = re.sub(r"[\s()-]", "", phone or "")
    return digits if MOBILE.match(digits) else ""


def phone_number(contact: str) -> str:
    """`contact` if it is a phone number (a guest's only contact may be an email address or a
    postal address instead), else ""."""
    digits = re.sub(r"[\s().-]", "", contact or "")
    return contact.strip() if PHONE.match(digits) else ""


def contact_for(notification: Notification, channel: str) -> str:
    """Where a message by `channel` goes: "" when we cannot use that channel."""
    person = notification.person
    if person is None:  # a guest: only the one way they gave us
        contact = notification.guest_contact
        if channel == Channel.PHONE:  # the phone list: only if what they gave is a number
            return phone_number(contact)
        if channel == notification.channel:
            return mobile_number(contact) if channel == Channel.TEXT else contact
        return ""
    profile = _profile(person)
    if channel == Channel.EMAIL:
        return email_address(person)
    if channel == Channel.TEXT:
        return mobile_number(profile.phone) if profile else ""
    if channel == Channel.POST:
        return profile.address.strip() if profile else ""
    return profile.phone if profile else ""  # the phone list takes everyone


def preferred(notification: Notification) -> str:
    if notification.person is None:
        return notification.channel
    profile = _profile(notification.person)
    return (profile.preferred_channel if profile else "") or Channel.EMAIL


def channel_plan(notification: Notification) -> list[str]:
    """The channels to try, in order: their choice, the others we have details for, and the
    staff phone list."""
    first = preferred(notification)
    plan = [first] + [channel for channel in FALLBACK_ORDER if channel != first]
    plan = [channel for channel in plan
            if channel == Channel.PHONE or contact_for(notification, channel)]
    return plan if Channel.PHONE in plan else plan + [Channel.PHONE]


def version_for(person) -> str:
    return document_format_for(person) if person is not None else DocumentFormat.STANDARD


def frequency_for(person) -> str:
    return getattr(_profile(person), "message_frequency", "") or Frequency.AS_IT_HAPPENS


def _name(notification: Notification) -> str:
    return (notification.person.name if notification.person else notification.guest_name)


def words_for(notification: Notification, channel: str) -> str:
    """The exact words a channel carries (a letter's words; its PDF is made from them)."""
    fields = {"subject": notification.subject, "body": notification.body,
              "url": notification.url}
    if channel == Channel.TEXT:
        return content.sms_text(**fields)
    if channel == Channel.PHONE:
        return content.phone_script(name=_name(notification), **fields)
    if channel == Channel.POST:
        return notification.body
    return content.email_text(name=_name(notification), **fields)


_CHANNEL_NEEDS = {Channel.EMAIL: "an email address", Channel.TEXT: "a mobile number",
                  Channel.POST: "a postal address"}


# --- Sending ------------------------------------------------------------------------------


def deliver(notification: Notification, *, kind: str = "", sent_by=None) -> Delivery:
    """Starts the message on its way (called by people.services inside the transaction that
    made it; sending happens after the commit), and records it in the audit trail: sent by
    `sent_by` (a staff member sending to many), or by the portal itself."""
    from people.models import StaffAccess
    from people.services import audit_record  # people.services calls this module

    person = notification.person
    audit_record(actor=sent_by, action=StaffAccess.Action.MESSAGE_SENT, subject=person,
                 obj=notification)
    if person is not None and kind in CAN_WAIT and \
            frequency_for(person) != Frequency.AS_IT_HAPPENS:
        return Delivery.objects.create(
            notification=notification, channel=preferred(notification),
            version=version_for(person), subject=notification.subject,
            text=notification.body, status=Status.HELD)
    plan = channel_plan(notification)
    wanted = preferred(notification)
    reason = "" if plan[0] == wanted else (
        f"They asked for {Channel(wanted).label.lower()}, but we do not have "
        f"{_CHANNEL_NEEDS.get(wanted, 'the details')} for them.")
    return _start(notification, plan[0], reason=reason)


def _start(notification: Notification, channel: str, *, fallback_from: Delivery | None = None,
           reason: str = "") -> Delivery:
    from messaging.tasks import send_delivery

    delivery = Delivery.objects.create(
        notification=notification, channel=channel, version=version_for(notification.person),
        to=contact_for(notification, channel), subject=notification.subject,
        text=words_for(notification, channel),
        status=Status.TO_PHONE if channel == Channel.PHONE else Status.QUEUED,
        fallback_from=fallback_from, fallback_reason=reason)
    if notification.channel != channel:
        Notification.objects.filter(pk=notification.pk).update(channel=channel)
        notification.channel = channel
    if channel != Channel.PHONE:
        transaction.on_commit(lambda: send_delivery.delay(delivery.pk))
    return delivery


def fall_back(delivery: Delivery, reason: str) -> Delivery:
    """This channel failed for good: record why, and start the next one the person allows
    (the staff phone list when none is left)."""
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Status.PERMANENT_FAILURE, error=reason[:300], status_at=now)
    delivery.status, delivery.error = Status.PERMANENT_FAILURE, reason[:300]
    notification = delivery.notification
    tried = set(notification.deliveries.values_list("channel", flat=True))
    following = [channel for channel in channel_plan(notification) if channel not in tried]
    channel = following[0] if following else Channel.PHONE
    logger.info("Delivery %s failed for good; falling back to %s", delivery.pk, channel)
    return _start(notification, channel, fallback_from=delivery,
                  reason=f"The {delivery.get_channel_display().lower()} did not work: {reason}")


def _handed_over(delivery: Delivery, status: str, *, notify_id: str = "") -> None:
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(status=status, notify_id=notify_id,
                                                   sent_at=now, status_at=now, error="")
    Notification.objects.filter(pk=delivery.notification_id, sent_at__isnull=True).update(
        sent_at=now)


def delivery_send(delivery_id: int) -> str:
    """Sends one delivery (the background job). Claims it first with a conditional update,
    so two workers, or a retry after a crash, never send it twice. Raises
    notify.TemporaryProblem for the job to try again later."""
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=[Status.QUEUED, Status.TEMPORARY_FAILURE],
    ).update(status=Status.SENDING, status_at=timezone.now(), attempts=F("attempts") + 1)
    if not claimed:
        return "not mine"
    delivery = Delivery.objects.select_related("notification__person").get(pk=delivery_id)
    reference = f"delivery-{delivery.pk}"
    try:
        if delivery.channel == Channel.EMAIL and not notify.sends(Channel.EMAIL):
            _send_by_mail_server(delivery)
            _handed_over(delivery, Status.DELIVERED)
            return Status.DELIVERED
        if not notify.sends(delivery.channel):
            _handed_over(delivery, Status.OUTBOX)
            return Status.OUTBOX
        if delivery.channel == Channel.EMAIL:
            notify_id = notify.send_email(to=delivery.to, subject=delivery.subject,
                                          text=delivery.text, reference=reference)
        elif delivery.channel == Channel.TEXT:
            notify_id = notify.send_sms(to=delivery.to, text=delivery.text, reference=reference)
        else:
            notify_id = notify.send_letter(pdf=letter_for(delivery), reference=reference)
    except notify.PermanentProblem as problem:
        fall_back(delivery, _plain_failure(delivery.channel, str(problem)))
        return Status.PERMANENT_FAILURE
    except (notify.TemporaryProblem, OSError) as problem:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.TEMPORARY_FAILURE, error=str(problem)[:300],
            status_at=timezone.now())
        raise notify.TemporaryProblem(str(problem)) from problem
    _handed_over(delivery, Status.SENDING, notify_id=notify_id)
    return Status.SENDING


def delivery_give_up(delivery_id: int, reason: str) -> Delivery | None:
    """Tried again and again: use the next channel instead."""
    delivery = Delivery.objects.select_related("notification").get(pk=delivery_id)
    if delivery.status not in (Status.TEMPORARY_FAILURE, Status.QUEUED, Status.SENDING):
        return None
    return fall_back(delivery, f"It still did not work after {delivery.attempts} tries "
                               f"({reason}).")


def _send_by_mail_server(delivery: Delivery) -> None:
    from django.core.mail import EmailMessage

    message = EmailMessage(delivery.subject, delivery.text, None, [delivery.to])
    if delivery.notification.calendar:
        message.attach("event.ics", delivery.notification.calendar, "text/calendar")
    message.send()


def letter_print(*, delivery: Delivery, by) -> bytes:
    """A staff member opens a letter to print and post it (it carries the person's name and
    address): recorded in the audit trail as an export."""
    from people.models import StaffAccess
    from people.services import audit_record

    audit_record(actor=by, action=StaffAccess.Action.EXPORTED,
                 subject=delivery.notification.person, obj=delivery)
    return letter_for(delivery)


def letter_for(delivery: Delivery) -> bytes:
    """The letter's PDF, made again from the stored words: the same every time."""
    return content.letter_pdf(
        version=delivery.version, name=delivery.recipient_name, address=delivery.to,
        subject=delivery.subject, body=delivery.text, url=delivery.notification.url,
        sent_on=timezone.localdate(delivery.created_at))


def _plain_failure(channel: str, detail: str) -> str:
    what = {Channel.EMAIL: "The email address did not work",
            Channel.TEXT: "The phone number could not get text messages",
            Channel.POST: "The letter could not be posted: check the address"}[channel]
    return f"{what} ({detail})." if detail else f"{what}."


# --- What Notify tells us -----------------------------------------------------------------


def receipt_apply(*, notify_id: str, status: str, from_callback: bool = True) -> Delivery | None:
    """Notify's delivery receipt (its callback, or our hourly check). Returns the delivery,
    or None when the id is not one of ours."""
    from messaging.tasks import send_delivery

    delivery = Delivery.objects.select_related("notification").filter(
        notify_id=notify_id).first()
    if delivery is None:
        return None
    now = timezone.now()
    fields = {"status_at": now, "receipt_at": now} if from_callback else {"status_at": now}
    if delivery.status not in (Status.SENDING, Status.DELIVERED):
        return delivery  # already failed over, or sent again: nothing more to do
    if status in notify.DELIVERED:
        Delivery.objects.filter(pk=delivery.pk).update(status=Status.DELIVERED, **fields)
    elif status in notify.FAILED_FOR_GOOD:
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
        fall_back(delivery, _plain_failure(delivery.channel, status))
    elif status in notify.FAILED_FOR_NOW:
        if delivery.attempts >= settings.MESSAGING_MAX_TRIES:
            Delivery.objects.filter(pk=delivery.pk).update(**fields)
            fall_back(delivery, f"It still did not arrive after {delivery.attempts} tries "
                                f"({status}).")
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Status.TEMPORARY_FAILURE, error=f"Not delivered yet ({status})",
                notify_id="", **fields)
            transaction.on_commit(lambda: send_delivery.apply_async(
                (delivery.pk,), countdown=retry_delay(delivery.attempts)))
    else:
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
    delivery.refresh_from_db()
    return delivery


def retry_delay(tries: int) -> int:
    """Seconds before trying again: 1, 2, 4, 8... minutes, at most an hour."""
    return min(60 * 2 ** max(tries - 1, 0), 60 * 60)


def waiting_for_receipts():
    """Messages handed to Notify more than MESSAGING_STATUS_CHECK_MINUTES ago that we have
    heard nothing about."""
    before = timezone.now() - timedelta(minutes=settings.MESSAGING_STATUS_CHECK_MINUTES)
    return Delivery.objects.filter(status=Status.SENDING, receipt_at__isnull=True,
                                   sent_at__lt=before).exclude(notify_id="")


# --- Phone calls --------------------------------------------------------------------------


@transaction.atomic
def call_record(*, delivery: Delivery, outcome: str, by, note: str = "") -> CallAttempt:
    """Staff phoned about a message. Told: it is done. Not reached: it stays on the list (and,
    if we have their address, a letter goes too, so the news still reaches them)."""
    delivery = Delivery.objects.select_for_update().select_related("notification").get(
        pk=delivery.pk)
    if delivery.status not in Delivery.FOR_STAFF:
        raise ValueError("This call is already done.")
    now = timezone.now()
    attempt = CallAttempt.objects.create(delivery=delivery, outcome=outcome, note=note, by=by,
                                         at=now)
    if outcome == CallAttempt.Outcome.TOLD:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.PHONED, done_by=by, done_at=now, call_note=note, status_at=now,
            sent_at=now)
        Notification.objects.filter(pk=delivery.notification_id, sent_at__isnull=True).update(
            sent_at=now)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.NOT_REACHED, done_by=by, done_at=now, call_note=note, status_at=now,
            attempts=delivery.attempts + 1)
        notification = delivery.notification
        tried = set(notification.deliveries.values_list("channel", flat=True))
        if Channel.POST not in tried and contact_for(notification, Channel.POST):
            _start(notification, Channel.POST, reason="We phoned but could not reach them, "
                                                      "so a letter went as well.")
    return attempt


def notification_phoned(*, notification: Notification, by=None) -> bool:
    """Staff phoned or wrote about a message (e.g. from an event's list of guests to
    contact). Returns False if it was already done."""
    open_call = notification.deliveries.filter(status__in=Delivery.FOR_STAFF).first()
    if open_call is not None:
        call_record(delivery=open_call, outcome=CallAttempt.Outcome.TOLD, by=by)
        return True
    return bool(Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()))
