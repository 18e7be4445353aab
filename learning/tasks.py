from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from learning.models import CourseSession
from learning.services import session_send_reminders


@shared_task
def send_session_reminders():
    """Hourly: queue a reminder for each course session tomorrow that has not had one."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    ids = list(CourseSession.objects.filter(starts_at__date=tomorrow,
                                            reminders_sent_at__isnull=True)
               .values_list("pk", flat=True))
    for session_id in ids:
        send_session_reminder.delay(session_id)
    return len(ids)


@shared_task
def send_session_reminder(session_id):
    return session_send_reminders(session_id)
