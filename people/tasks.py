from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task
def retention_review() -> dict:
    """The retention job (daily, settings.CELERY_BEAT_SCHEDULE). Safe to run twice:
    1. people who signed in since they were asked have answered: their check is closed;
    2. people asked more than RETENTION_ANSWER_DAYS ago who have not answered are anonymised;
    3. members with no sign-in or activity for RETENTION_INACTIVE_DAYS are asked, once
       (the RetentionCheck row is the claim: one per person).
    Returns and logs counts only: no personal data in logs."""
    import logging
    from datetime import timedelta

    from django.db import IntegrityError, transaction
    from django.db.models import F

    from messaging.kinds import Kind
    from people.models import RetentionCheck
    from people.selectors import inactive_since
    from people.services import notify_person, person_anonymise

    logger = logging.getLogger(__name__)
    now = timezone.now()
    stayed, _ = RetentionCheck.objects.filter(person__last_login__gt=F("flagged_at")).delete()

    answer_by = now - timedelta(days=settings.RETENTION_ANSWER_DAYS)
    anonymised = 0
    for check in RetentionCheck.objects.filter(flagged_at__lt=answer_by).select_related("person"):
        person_anonymise(person=check.person)
        anonymised += 1

    flagged = 0
    for person in inactive_since(settings.RETENTION_INACTIVE_DAYS).iterator():
        try:
            with transaction.atomic():
                check = RetentionCheck.objects.create(person=person)
                notify_person(
                    person=person, subject="Do you want to stay in the people bank?",
                    body=("We have not heard from you for a long time. If you want to stay, "
                          "please sign in and press \"Keep my account\". If we do not hear "
                          f"from you in {settings.RETENTION_ANSWER_DAYS} days, we will delete "
                          "your account and your details."),
                    url="/my-data/stay/",
                    dedupe_key=f"retention:{check.flagged_at:%Y-%m-%d}", kind=Kind.RETENTION)
        except IntegrityError:
            continue  # another run asked them first
        flagged += 1

    result = {"asked": flagged, "stayed": stayed, "anonymised": anonymised}
    logger.info("Retention review: asked %(asked)d, stayed %(stayed)d, "
                "anonymised %(anonymised)d", result)
    return result
