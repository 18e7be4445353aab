from celery import shared_task
from django.conf import settings
from django.utils import timezone


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


@shared_task
def recent_involvements_refresh() -> dict:
    """Nightly (settings.CELERY_BEAT_SCHEDULE): the stored fair-spread counts follow time,
    so involvement older than FAIR_SPREAD_MONTHS stops counting. Counts only in the log."""
    import logging

    from people.services import recent_involvements_refresh as refresh

    result = {"changed": refresh()}
    logging.getLogger(__name__).info("Fair-spread counts refreshed: %(changed)d changed",
                                     result)
    return result
