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
       RETENTION_INACTIVE_DAYS are asked, once, by their own channel through notify_person
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
    silent = (RetentionCheck.objects.filter(flagged_at__lt=answer_by,
                                            question__sent_at__lt=answer_by)
              .exclude(person__email="").select_related("person"))
    for check in silent:
        person_anonymise(person=check.person)
        anonymised += 1

    phone = settings.COUNCIL_PHONE
    flagged = 0
    for person in inactive_since(settings.RETENTION_INACTIVE_DAYS).iterator():
        online = bool(person.email)
        how = ((f"phone us on {phone}, " if phone else "phone us, ")
               + ("write back to us, or sign in and press \"Keep my account\"" if online
                  else "or write back to us"))
        wait = (f"If we do not hear from you in {settings.RETENTION_ANSWER_DAYS} days, we will "
                "delete your account and your details." if online
                else "We will keep your details until we hear from you.")
        try:
            with transaction.atomic():
                check = RetentionCheck.objects.create(person=person)
                check.question = notify_person(
                    person=person, subject="Do you want to stay in the people bank?",
                    body=("We have not heard from you for a long time. Please tell us if you "
                          f"want to stay: {how}. {wait}"),
                    url="/my-data/stay/" if online else "",
                    dedupe_key=f"retention:{check.flagged_at:%Y-%m-%d}", kind=Kind.RETENTION)
                check.save(update_fields=["question"])
        except IntegrityError:
            continue  # another run asked them first
        flagged += 1

    result = {"asked": flagged, "stayed": stayed, "anonymised": anonymised}
    logger.info("Retention review: asked %(asked)d, stayed %(stayed)d, "
                "anonymised %(anonymised)d", result)
    return result
