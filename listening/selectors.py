"""Reads for the listening room. Each list loads what its page shows in a fixed number of
queries, whatever the number of rows."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from coproduction import public_cache
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


def _themes_counted(items=None):
    """The themes of `items` (a queryset of feedback; None for all), each with `count`, most
    said first. Counted on the link table alone: no join of themes to feedback to count."""
    links = FeedbackItem.themes.through.objects.order_by()
    if items is not None:
        links = links.filter(feedbackitem__in=items.order_by().values("pk"))
    counts = dict(links.values_list("theme").annotate(n=Count("*")).values_list("theme", "n"))
    themes = list(Theme.objects.filter(pk__in=counts))
    for theme in themes:
        theme.count = counts[theme.pk]
    return sorted(themes, key=lambda theme: (-theme.count, theme.name))


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


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _on_topic_or_area(rows, *, topic=None, area=None):
    """Feedback or commitments about `topic` and `area`: their own, or their event's. Exists,
    not a join, so that no row comes twice and nothing needs DISTINCT."""
    if topic:
        event_topic = Event.topics.through.objects.filter(event=OuterRef("event"), topic=topic)
        rows = rows.filter(Q(topic=topic) | Exists(event_topic))
    if area:
        event_area = Event.areas.through.objects.filter(event=OuterRef("event"), area=area)
        rows = rows.filter(Q(area=area) | Exists(event_area))
    return rows


def department_report(*, topic=None, area=None, date_from=None, date_to=None) -> dict:
    """The department-wide "You said, we did": filterable by topic, area and date. Each part
    is one query whose cost follows the filters (issue 13: no DISTINCT over every column, no
    `id IN (SELECT ...)` of everything)."""
    items = _on_topic_or_area(FeedbackItem.objects.order_by(), topic=topic, area=area)
    commitments = _on_topic_or_area(Commitment.objects.order_by(), topic=topic, area=area)
    # Whole local days, as ranges on the indexed column (not a date cast of every row).
    if date_from:
        items = items.filter(created_at__gte=_local_midnight(date_from))
        commitments = commitments.filter(created_at__gte=_local_midnight(date_from))
    if date_to:
        items = items.filter(created_at__lt=_local_midnight(date_to + timedelta(days=1)))
        commitments = commitments.filter(
            created_at__lt=_local_midnight(date_to + timedelta(days=1)))
    filtered = bool(topic or area or date_from or date_to)
    status_counts = dict(commitments.values_list("status").annotate(n=Count("pk"))
                         .values_list("status", "n"))
    # The themes and the count read every item on the topic (hundreds of milliseconds at
    # national size): kept per filter set for everyone, members signed in too, until the
    # listening services change what is said (public_cache.bump("listening")).
    figures = public_cache.remember(
        "report-figures", f"{getattr(topic, 'pk', '')}|{getattr(area, 'pk', '')}|{date_from}|"
                          f"{date_to}", ("listening",),
        lambda: {"themes": _themes_counted(items if filtered else None),
                 "item_count": items.count()}, settings.DASHBOARD_CACHE_SECONDS)
    return {
        **figures,
        "quotes": list(items.filter(consent_to_quote=True).order_by("-created_at", "-pk")[:12]),
        "commitments": _commitments_with_timeline(commitments.order_by("-created_at", "-pk")),
        "status_counts": [(label, status_counts.get(value, 0))
                          for value, label in Commitment.Status.choices],
    }


def events_with_reports():
    said = FeedbackItem.objects.filter(event=OuterRef("pk"))
    answered = Commitment.objects.filter(event=OuterRef("pk"))
    return Event.objects.filter(Exists(said) | Exists(answered)).select_related("kind") \
        .order_by("-starts_at")


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


def _links_counted(through):
    """Rows of an M2M link table per theme (a subquery; 0 for none)."""
    rows = (through.objects.filter(theme=OuterRef("pk")).order_by().values("theme")
            .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def themes_with_counts() -> list[Theme]:
    """Each theme with how many things said and commitments carry it: counted per link table
    (issue 13: joining both tables multiplied every item by every commitment). The counts read
    every link, so they are kept like the dashboards' figures, until the listening services
    change what is said, tagged or promised (public_cache.bump("listening"))."""
    def count():
        return list(Theme.objects.annotate(
            item_count=_links_counted(FeedbackItem.themes.through),
            commitment_count=_links_counted(Commitment.themes.through),
        ).order_by("-item_count", "name"))

    return public_cache.remember("theme-counts", "", ("listening",), count,
                                 settings.DASHBOARD_CACHE_SECONDS)


def commitments_for_staff(*, status="", flagged_only=False, owner=None):
    items = (Commitment.feedback_items.through.objects.filter(commitment=OuterRef("pk"))
             .order_by().values("commitment").annotate(n=Count("*")).values("n"))
    commitments = Commitment.objects.with_flags().select_related("owner", "event") \
        .annotate(item_count=Coalesce(Subquery(items, output_field=IntegerField()), Value(0)))
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


ANSWERS_PER_THEME = 3


def member_feedback(user, *, limit=20):
    """What this member said and what happened to it: the commitments that answer each item
    directly, and the latest few (ANSWERS_PER_THEME) that answer one of its themes. Bounded:
    a theme can gather hundreds of commitments, and the page must not grow with them."""
    items = list(FeedbackItem.objects.filter(person=user).select_related("event")
                 .prefetch_related("commitments", "themes")
                 .order_by("-created_at", "-pk")[:limit])
    theme_ids = {theme.pk for item in items for theme in item.themes.all()}
    latest = {}
    if theme_ids:
        links = (Commitment.themes.through.objects.filter(theme__in=theme_ids)
                 .annotate(rank=Window(RowNumber(), partition_by=F("theme"), order_by=[
                     F("commitment__created_at").desc(), F("commitment").desc()]))
                 .filter(rank__lte=ANSWERS_PER_THEME).select_related("commitment"))
        for link in links:
            latest.setdefault(link.theme_id, []).append(link.commitment)
    for item in items:
        answers = {c.pk: c for c in item.commitments.all()}
        for theme in item.themes.all():
            answers.update({c.pk: c for c in latest.get(theme.pk, [])})
        item.answers = sorted(answers.values(), key=lambda c: c.pk)
    return items
