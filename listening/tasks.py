"""Background jobs: thin, take IDs, safe to run twice (each claims its row first)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

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
