"""Background jobs: thin, take IDs, safe to run twice (each claims its row first)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from coproduction.uploads import STORAGE_ERRORS
from listening.models import Commitment, Registration


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
    from messaging.kinds import Kind
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
            dedupe_key=f"commitment:{pk}:overdue:{period_number}", kind=Kind.STAFF_TASK)
        told += 1
    return told


# "You said, we did" reports: a render can take minutes for a year of the whole department.
REPORT_TEMPORARY_ERRORS = (*STORAGE_ERRORS, OperationalError)


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
