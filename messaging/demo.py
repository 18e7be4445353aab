"""Demo data for messages: some members take a weekly or monthly round-up; the outbox shows
messages by every channel (what the other rooms' demo data told people), one text message that
failed and went by email instead, calls done and not reached, and round-ups. The demo's people
are made up, so nothing is really sent: emails count as sent, texts and letters wait in the
outbox. Running it again adds nothing."""

from django.db.models import Q
from django.utils import timezone

from messaging import services
from messaging.digests import digests_send_due
from messaging.models import CallAttempt, Channel, Delivery, Frequency
from people.models import MemberProfile, User

Status = Delivery.Status


def seed(*, stdout):
    _frequencies()
    _settle()
    _a_failed_text()
    _calls()
    digests_send_due()
    _settle()
    counts = {label: Delivery.objects.filter(channel=value).count()
              for value, label in Channel.choices}
    stdout.write("Messages: " + ", ".join(f"{n} by {label.lower()}"
                                          for label, n in counts.items())
                 + f"; {Delivery.objects.filter(status__in=Delivery.FOR_STAFF).count()} "
                   "people to phone.")


def _frequencies():
    """About one member in seven wants a weekly round-up, one in eleven a monthly one."""
    profiles = MemberProfile.objects.filter(user__email__regex=r"^member[0-9]{3}@").values_list(
        "pk", "user__email")
    weekly, monthly = [], []
    for pk, email in profiles:
        number = int(email[6:9])
        if number % 7 == 3:
            weekly.append(pk)
        elif number % 11 == 5:
            monthly.append(pk)
    MemberProfile.objects.filter(pk__in=weekly).update(message_frequency=Frequency.WEEKLY)
    MemberProfile.objects.filter(pk__in=monthly).update(message_frequency=Frequency.MONTHLY)


def _settle():
    """What the demo has told people counts as sent: emails delivered, texts and letters in
    the outbox (so the worker sends nothing when the demo starts)."""
    now = timezone.now()
    Delivery.objects.filter(status=Status.QUEUED, channel=Channel.EMAIL).update(
        status=Status.DELIVERED, sent_at=now, status_at=now)
    Delivery.objects.filter(status=Status.QUEUED).update(status=Status.OUTBOX, sent_at=now,
                                                         status_at=now)


def _a_failed_text():
    """A text message Notify refused (a landline typed as a mobile): it went by email."""
    if Delivery.objects.filter(status=Status.PERMANENT_FAILURE).exists():
        return
    text = (Delivery.objects.filter(channel=Channel.TEXT, status=Status.OUTBOX,
                                    notification__person__isnull=False)
            .exclude(notification__person__email="").order_by("pk").first())
    if text is None:
        return
    services.fall_back(text, "The phone number could not get text messages "
                             "(phone_number Not a UK mobile number).")
    _settle()


def _calls():
    """One call made, one not answered yet."""
    if CallAttempt.objects.exists():
        return
    staff = User.objects.filter(email="staff@example.org").first()
    calls = list(Delivery.objects.filter(status=Status.TO_PHONE).filter(
        ~Q(notification__person=None)).order_by("pk")[:2])
    outcomes = [(CallAttempt.Outcome.TOLD, "Pleased to hear it. Will come by taxi."),
                (CallAttempt.Outcome.NOT_REACHED, "No answer. Left a voicemail.")]
    for delivery, (outcome, note) in zip(calls, outcomes, strict=False):
        services.call_record(delivery=delivery, outcome=outcome, by=staff, note=note)
    _settle()
