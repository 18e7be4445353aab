"""Background jobs: thin, take IDs, safe to run twice (each claims its row first)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import OperationalError
from django.utils import timezone

from coproduction.documents import calendar_event
from listening.models import Commitment, GuestMessage, Registration

FOOTER = "\n\n{service} at {council}. Questions: {email} or {phone}."


def _footer():
    return FOOTER.format(service=settings.SERVICE_NAME, council=settings.COUNCIL_NAME,
                         email=settings.COUNCIL_CONTACT_EMAIL, phone=settings.COUNCIL_PHONE)


def event_calendar_bytes(event) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COUNCIL_NAME}//{settings.SERVICE_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event_calendar_entry(event))
    return calendar.to_ical()


def event_calendar_entry(event):
    from listening.services import _where

    return calendar_event(uid=f"listening-event-{event.pk}", title=event.title,
                          starts_at=event.starts_at, ends_at=event.ends_at,
                          description=event.description, location=_where(event),
                          url=event.get_absolute_url())


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_confirmation_email(registration_id: int, promoted: bool = False) -> bool:
    """The "you are booked" email with the event's .ics attached, once per registration."""
    from listening.services import confirmation_text

    claimed = Registration.objects.filter(
        pk=registration_id, confirmation_sent_at__isnull=True,
        status=Registration.Status.CONFIRMED).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("event", "person").get(pk=registration_id)
    address = registration.person.email if registration.person_id \
        else registration.guest_contact
    subject, body = confirmation_text(registration, promoted=promoted)
    message = EmailMessage(subject, body + _footer(), None, [address])
    message.attach("event.ics", event_calendar_bytes(registration.event), "text/calendar")
    try:
        message.send()
    except OSError:
        Registration.objects.filter(pk=registration_id).update(confirmation_sent_at=None)
        raise
    GuestMessage.objects.filter(registration_id=registration_id, key="confirmed").update(
        sent_at=timezone.now())
    return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_guest_message(message_id: int) -> bool:
    """Emails a guest (someone with no account) once."""
    claimed = GuestMessage.objects.filter(
        pk=message_id, sent_at__isnull=True,
        registration__guest_contact_method=Registration.ContactMethod.EMAIL,
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    message = GuestMessage.objects.select_related("registration").get(pk=message_id)
    try:
        send_mail(message.subject, message.body + _footer(), None,
                  [message.registration.guest_contact])
    except OSError:
        GuestMessage.objects.filter(pk=message_id).update(sent_at=None)
        raise
    return True


@shared_task
def send_event_reminders() -> int:
    """Reminds everyone booked on an event that starts tomorrow (local time). Each booking is
    claimed before it is told, so running the job again sends nothing more."""
    from listening.services import _tell, _when, _where

    tomorrow = timezone.localdate() + timedelta(days=1)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, reminder_sent_at__isnull=True,
        event__starts_at__date=tomorrow).values_list("pk", flat=True)
    told = 0
    for pk in list(due):
        if not Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()):
            continue
        registration = Registration.objects.select_related("event", "person").get(pk=pk)
        event = registration.event
        _tell(registration, key="reminder", subject=f"Tomorrow: {event.title}",
              body=f"This is a reminder that {event.title} is tomorrow.\n\nWhen: "
                   f"{_when(event)}\nWhere: {_where(event)}\n\nIf you cannot come, please "
                   f"cancel so that someone else can have your place.")
        told += 1
    return told


@shared_task
def remind_overdue_commitments() -> int:
    """Tells each owner about a commitment that is past due or has had no news for too long:
    once per period (LISTENING_COMMITMENT_STALE_WEEKS)."""
    from people.services import notify_person

    now = timezone.now()
    period = timedelta(weeks=settings.LISTENING_COMMITMENT_STALE_WEEKS)
    period_number = int(now.timestamp() // period.total_seconds())
    due = Commitment.objects.needing_news(now=now).values_list("pk", flat=True)
    told = 0
    for pk in list(due):
        claimed = Commitment.objects.filter(pk=pk).filter(
            **{"owner_reminded_at__isnull": True}).update(owner_reminded_at=now) or \
            Commitment.objects.filter(pk=pk, owner_reminded_at__lt=now - period).update(
                owner_reminded_at=now)
        if not claimed:
            continue
        commitment = Commitment.objects.select_related("owner").get(pk=pk)
        notify_person(
            person=commitment.owner, subject="A commitment needs an update",
            body=f"We will: {commitment.we_will}\nDue: {commitment.due_date:%d %B %Y}\n\n"
                 "People are waiting to hear what happened. Please add an update.",
            url=commitment.get_absolute_url(),
            dedupe_key=f"commitment:{pk}:overdue:{period_number}")
        told += 1
    return told


# "You said, we did" reports: a render can take minutes for a year of the whole department.
REPORT_TEMPORARY_ERRORS = (OSError, OperationalError)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5,
             time_limit=15 * 60, soft_time_limit=14 * 60)
def make_report(self, report_id: int) -> str:
    """Makes one report's PDF. Claims the row first (queued → running), so a second run or a
    second worker does nothing; temporary errors (storage, a locked database) are retried
    with backoff; anything else marks the report failed with a plain reason, and raises."""
    from celery.exceptions import SoftTimeLimitExceeded

    from listening import reports

    report = reports.report_claim(report_id)
    if report is None:
        return "skipped"
    try:
        reports.report_build(report)
    except REPORT_TEMPORARY_ERRORS as error:
        if self.request.retries >= self.max_retries:
            reports.report_fail(report_id, "We could not save the report after several "
                                           "tries. Try again later.")
            raise
        reports.report_requeue(report_id)
        raise self.retry(exc=error, countdown=min(10 * 2 ** self.request.retries, 600)) \
            from error
    except SoftTimeLimitExceeded:
        reports.report_fail(report_id, "The report took too long to make. Try again, or "
                                       "choose a shorter period.")
        raise
    except Exception:
        reports.report_fail(report_id, "Something went wrong while making the report. Try "
                                       "again. If it fails again, tell the digital team.")
        raise
    if report.tell_our_voice:
        reports.report_tell_our_voice(report)
    return "done"


@shared_task
def make_quarterly_reports() -> int:
    """The department's report for last quarter in all three versions (once a quarter);
    Our Voice members are told when all three are ready."""
    from listening import reports

    return len(reports.quarterly_reports())
