from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from coproduction.context_processors import branding
from people.models import Notification


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    """Emails one notification. Claims it first with a conditional update, so two workers (or
    a retry after a crash) never send it twice."""
    claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        sent_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("person").get(pk=notification_id)
    person = notification.person
    context = {**branding(), "notification": notification, "person": person,
               "name": person.name if person else notification.guest_name}
    message = EmailMessage(notification.subject,
                           render_to_string("people/email/notification.txt", context), None,
                           [person.email if person else notification.guest_contact])
    if notification.calendar:
        message.attach("event.ics", notification.calendar, "text/calendar")
    try:
        message.send()
    except OSError:
        # Not sent after all: release the claim so the retry can take it.
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return True



@shared_task
def retention_review() -> dict:
    """The retention job (daily, settings.CELERY_BEAT_SCHEDULE). Safe to run twice:
    1. people who signed in since they were asked have answered: their check is closed;
    2. people who can answer online (they have an email address), whose question reached them
       (the message was sent) more than RETENTION_ANSWER_DAYS ago, and who have not answered,
       are anonymised. People with no email address are never anonymised for silence: they
       answer by phone or letter and staff record it on their page (stay, or delete);
    3. members with no sign-in or activity (their own or staff's for them) for
       RETENTION_INACTIVE_DAYS are asked, once, by their own channel
       (people.services.retention_ask).
    Returns and logs counts only: no personal data in logs."""
    import logging
    from datetime import timedelta

    from django.db.models import F

    from people.models import RetentionCheck
    from people.selectors import inactive_since
    from people.services import person_anonymise, retention_ask

    logger = logging.getLogger(__name__)
    now = timezone.now()
    stayed, _ = RetentionCheck.objects.filter(person__last_login__gt=F("flagged_at")).delete()

    answer_by = now - timedelta(days=settings.RETENTION_ANSWER_DAYS)
    anonymised = 0
    silent = (RetentionCheck.objects.filter(flagged_at__lt=answer_by,
                                            question__sent_at__lt=answer_by)
              .exclude(person__email="").select_related("person"))
    for check in silent:
        person_anonymise(person=check.person)
        anonymised += 1

    flagged = 0
    for person in inactive_since(settings.RETENTION_INACTIVE_DAYS).iterator():
        if retention_ask(person=person) is not None:
            flagged += 1

    result = {"asked": flagged, "stayed": stayed, "anonymised": anonymised}
    logger.info("Retention review: asked %(asked)d, stayed %(stayed)d, "
                "anonymised %(anonymised)d", result)
    return result
