"""Background jobs for messages: sending each delivery (retrying with backoff), checking with
GOV.UK Notify on messages it has not told us about, and the round-ups."""

import logging

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=None)
def send_delivery(self, delivery_id: int) -> str:
    """Sends one delivery. A temporary problem (Notify busy or down) is tried again after 1,
    2, 4, 8... minutes; after MESSAGING_MAX_TRIES the next channel is used instead."""
    from messaging import notify, services
    from messaging.models import Delivery

    try:
        return services.delivery_send(delivery_id)
    except notify.TemporaryProblem as problem:
        tries = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True)
        tries = tries[0] if tries else settings.MESSAGING_MAX_TRIES
        if tries >= settings.MESSAGING_MAX_TRIES or self.request.is_eager \
                or self.request.called_directly:
            # Run in this process (tests, debugging): no worker to try again later.
            if tries >= settings.MESSAGING_MAX_TRIES:
                services.delivery_give_up(delivery_id, str(problem))
                return "fell back"
            return "will try again"
        raise self.retry(countdown=services.retry_delay(tries)) from problem


@shared_task
def check_delivery_statuses() -> dict:
    """Hourly (settings.CELERY_BEAT_SCHEDULE): asks Notify about every message it was given
    more than an hour ago that no delivery receipt has told us about."""
    from messaging import notify, services

    checked = changed = 0
    if not notify.connected():
        return {"checked": 0, "changed": 0}
    for delivery in services.waiting_for_receipts().iterator():
        try:
            status = notify.status_of(delivery.notify_id)
        except (notify.TemporaryProblem, notify.PermanentProblem):
            continue
        checked += 1
        after = services.receipt_apply(notify_id=delivery.notify_id, status=status,
                                       from_callback=False)
        if after is not None and after.status != delivery.status:
            changed += 1
    logger.info("Checked %d messages with GOV.UK Notify, %d changed", checked, changed)
    return {"checked": checked, "changed": changed}


@shared_task
def send_digests() -> dict:
    """Daily (settings.CELERY_BEAT_SCHEDULE): weekly and monthly round-ups that are due."""
    from messaging.digests import digests_send_due

    result = digests_send_due()
    logger.info("Round-ups: %(sent)d sent, %(empty)d empty", result)
    return result
