"""Reads for the site-wide pages. They read from every room and write to none."""

from django.db.models import Count, Q

from listening.models import Commitment, Event
from projects.models import Project
from stories.selectors import newest_stories

HOME_LIST_LENGTH = 3


def home_page() -> dict:
    """What the home page shows: projects looking for people, the next events and what the
    council has done — each list short, each count made in the database."""
    recruiting = Project.objects.recruiting().order_by("starts_on", "title")
    events = Event.objects.published().upcoming().order_by("starts_at", "pk")
    commitments = Commitment.objects.aggregate(
        done=Count("pk", filter=Q(status=Commitment.Status.DONE)),
        in_progress=Count("pk", filter=Q(status=Commitment.Status.IN_PROGRESS)),
    )
    return {
        "recruiting_projects": list(recruiting[:HOME_LIST_LENGTH]),
        "recruiting_count": recruiting.count(),
        "next_events": list(events[:HOME_LIST_LENGTH]),
        "events_count": events.count(),
        "commitments_done": commitments["done"],
        "commitments_in_progress": commitments["in_progress"],
        "newest_stories": newest_stories(),
    }
