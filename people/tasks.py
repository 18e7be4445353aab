from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

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
    context = {"notification": notification, "person": notification.person,
               "site_url": settings.SITE_URL, "council_name": settings.COUNCIL_NAME,
               "service_name": settings.SERVICE_NAME,
               "council_contact_email": settings.COUNCIL_CONTACT_EMAIL,
               "council_phone": settings.COUNCIL_PHONE}
    try:
        send_mail(notification.subject, render_to_string("people/email/notification.txt", context),
                  None, [notification.person.email])
    except OSError:
        # Not sent after all: release the claim so the retry can take it.
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        raise
    return True

