"""Reads for the listening room. Each list loads what its page shows in a fixed number of
queries, whatever the number of rows."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from listening.models import (
    Commitment,
    CommitmentUpdate,
    Event,
    FeedbackItem,
    GuestMessage,
    Registration,
    Theme,
)
from people.models import Notification


def events_for_list(*, user_is_staff: bool, past: bool = False):
    events = Event.objects.all() if user_is_staff else Event.objects.published()
    events = events.past().order_by("-starts_at", "-pk") if past else \
        events.upcoming().order_by("starts_at", "pk")
    return events.select_related("kind").prefetch_related("topics", "areas").with_counts() \
        .with_places()


def event_with_counts(pk):
    return Event.objects.with_counts().select_related("kind", "host", "project").get(pk=pk)


def registration_for(event: Event, user):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, person=user).first()


def event_registrations(event: Event):
    return event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
        "person").order_by("status", "created_at", "pk")


def guests_to_contact(event: Event) -> list[GuestMessage]:
    """What guests who asked for a call or a letter still need to hear about this event."""
    return list(GuestMessage.objects.filter(registration__event=event,
                                            notification__sent_at__isnull=True)
                .exclude(notification__channel=Notification.Channel.EMAIL)
                .select_related("registration", "notification"))


def _commitments_with_timeline(commitments):
    return commitments.select_related("owner", "event", "topic", "area").prefetch_related(
        "themes", Prefetch("updates", queryset=CommitmentUpdate.objects.order_by(
            "created_at", "pk")))


def _themes_counted(items):
    return list(Theme.objects.filter(items__in=items).annotate(
        count=Count("items", filter=Q(items__in=items))).order_by("-count", "name"))


def event_report(event: Event) -> dict:
    """What people said at one event (themes, consented quotes) and what we will do."""
    items = FeedbackItem.objects.filter(event=event)
    commitments = _commitments_with_timeline(Commitment.objects.filter(event=event))
    return {
        "themes": _themes_counted(items),
        "item_count": items.count(),
        "quotes": list(items.filter(consent_to_quote=True).order_by("-created_at")[:12]),
        "commitments": list(commitments),
    }


def department_report(*, topic=None, area=None, date_from=None, date_to=None) -> dict:
    """The department-wide "You said, we did": filterable by topic, area and date."""
    items = FeedbackItem.objects.all()
    commitments = Commitment.objects.all()
    if topic:
        items = items.filter(Q(topic=topic) | Q(event__topics=topic))
        commitments = commitments.filter(Q(topic=topic) | Q(event__topics=topic))
    if area:
        items = items.filter(Q(area=area) | Q(event__areas=area))
        commitments = commitments.filter(Q(area=area) | Q(event__areas=area))
    if date_from:
        items = items.filter(created_at__date__gte=date_from)
        commitments = commitments.filter(created_at__date__gte=date_from)
    if date_to:
        items = items.filter(created_at__date__lte=date_to)
        commitments = commitments.filter(created_at__date__lte=date_to)
    item_ids = items.values("pk")
    commitment_ids = commitments.values("pk")
    status_counts = dict(Commitment.objects.filter(pk__in=commitment_ids).values_list(
        "status").annotate(n=Count("pk")).values_list("status", "n"))
    return {
        "themes": _themes_counted(FeedbackItem.objects.filter(pk__in=item_ids)),
        "item_count": FeedbackItem.objects.filter(pk__in=item_ids).count(),
        "quotes": list(FeedbackItem.objects.filter(pk__in=item_ids, consent_to_quote=True)
                       .order_by("-created_at")[:12]),
        "commitments": _commitments_with_timeline(
            Commitment.objects.filter(pk__in=commitment_ids).order_by("-created_at", "-pk")),
        "status_counts": [(label, status_counts.get(value, 0))
                          for value, label in Commitment.Status.choices],
    }


def events_with_reports():
    return Event.objects.filter(Q(commitments__isnull=False) | Q(feedback__isnull=False)) \
        .distinct().select_related("kind").order_by("-starts_at")


def feedback_for_staff(*, event=None, theme=None, untagged=False, question="", q=""):
    items = FeedbackItem.objects.select_related("event", "person", "entered_by") \
        .prefetch_related("themes")
    if event:
        items = items.filter(event=event)
    if theme:
        items = items.filter(themes=theme)
    if untagged:
        items = items.filter(themes__isnull=True)
    if question:
        items = items.filter(question=question)
    if q:
        items = items.filter(text__icontains=q)
    return items.order_by("-created_at", "-pk")


def themes_with_counts():
    return Theme.objects.annotate(
        item_count=Count("items", distinct=True),
        commitment_count=Count("commitments", distinct=True),
    ).order_by("-item_count", "name")


def commitments_for_staff(*, status="", flagged_only=False, owner=None):
    commitments = Commitment.objects.with_flags().select_related("owner", "event") \
        .annotate(item_count=Count("feedback_items", distinct=True))
    if status:
        commitments = commitments.filter(status=status)
    if flagged_only:
        commitments = commitments.filter(is_flagged=True)
    if owner:
        commitments = commitments.filter(owner=owner)
    return commitments.order_by("due_date", "pk")


def events_to_book_for(person):
    """Published events that have not started and that `person` is not booked on (or waiting
    for): what staff can book them onto."""
    booked = Registration.objects.filter(person=person).exclude(
        status=Registration.Status.CANCELLED).values("event_id")
    return (Event.objects.published().filter(starts_at__gt=timezone.now())
            .exclude(pk__in=booked).order_by("starts_at", "pk"))


def member_registrations(user):
    return Registration.objects.filter(person=user).exclude(
        status=Registration.Status.CANCELLED).select_related("event").order_by(
        "-event__starts_at")


def member_feedback(user):
    """What this member said and what happened to it: the commitments that answer each item
    (directly or through its themes), with their latest status."""
    items = list(FeedbackItem.objects.filter(person=user).select_related("event")
                 .prefetch_related("commitments", "themes__commitments")
                 .order_by("-created_at")[:20])
    for item in items:
        answers = {c.pk: c for c in item.commitments.all()}
        for theme in item.themes.all():
            answers.update({c.pk: c for c in theme.commitments.all()})
        item.answers = sorted(answers.values(), key=lambda c: c.pk)
    return items
