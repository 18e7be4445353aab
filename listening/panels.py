"""Listening's panels on the role home pages. Contexts are built here (lists and counts), so
the templates run no queries."""

from django.db.models import Count, Exists, OuterRef

from coproduction.panels import Panel
from listening import selectors
from listening.models import Commitment, Event, FeedbackItem

UNTAGGED_SHOWN = 100  # the staff panel says "more than 100" beyond this


def member(user):
    return [Panel(
        title="Your events and what you told us",
        template="listening/panels/member.html",
        context={"registrations": list(selectors.member_registrations(user)[:5]),
                 "items": selectors.member_feedback(user, limit=5)},
        order=30,
    )]


def member_profile(person):
    """On a member's profile, seen by them or by staff (whose link books for them)."""
    return [Panel(
        title="Listening events",
        template="listening/panels/member_profile.html",
        context={"registrations": list(selectors.member_registrations(person)[:5]),
                 "person": person},
        order=30,
    )]


def staff(user):
    needing_news = Commitment.objects.needing_news().select_related("owner").order_by(
        "due_date")
    return [Panel(
        title="Listening and commitments",
        template="listening/panels/staff.html",
        context={
            "events": list(Event.objects.upcoming().with_counts().order_by("starts_at")[:5]),
            # Counted up to UNTAGGED_SHOWN and no further: finding every untagged item
            # among all the feedback ever given grew with it (issue 13).
            "untagged": FeedbackItem.objects.filter(~Exists(FeedbackItem.themes.through.objects
                                                            .filter(feedbackitem=OuterRef("pk"))))
            .order_by()[:UNTAGGED_SHOWN + 1].count(),
            "untagged_shown": UNTAGGED_SHOWN,
            "needing_news_count": needing_news.count(),
            "mine": list(needing_news.filter(owner=user)[:5]),
        },
        order=30,
    )]


def our_voice(user):
    counts = dict(Commitment.objects.values_list("status").annotate(n=Count("pk"))
                  .values_list("status", "n"))
    return [Panel(
        title="You said, we did: our promises",
        template="listening/panels/our_voice.html",
        context={"counts": [(label, counts.get(value, 0))
                            for value, label in Commitment.Status.choices],
                 "needing_news_count": Commitment.objects.needing_news().count()},
        order=30,
    )]
