"""Reads for stories, case studies, partners and news: each list page gets a bounded number
of queries whatever its length (prefetches, no per-row queries in templates)."""

from django.db.models import Count, Q

from listening.models import Event
from people.models import Topic
from projects.models import PUBLIC_STATUSES, Project
from stories.models import NewsPost, Partner, PartnerAccount, Story

HOME_STORIES = 3


def published_stories(*, topic=None):
    return (Story.objects.published().for_topic(topic).newest_first()
            .prefetch_related("topics"))


def newest_stories(limit=HOME_STORIES) -> list:
    return list(Story.objects.published().newest_first()[:limit])


def story_topics() -> list:
    """Topics that have a published story: the filter's choices."""
    return list(Topic.objects.filter(stories__status=Story.Status.PUBLISHED).distinct()
                .order_by("name"))


def my_stories(user):
    return Story.objects.filter(author=user).order_by("-created_at", "-pk")


def stories_to_check():
    return (Story.objects.filter(status__in=[Story.Status.CHECKING, Story.Status.WITH_AUTHOR])
            .select_related("author").order_by("created_at", "pk"))


def story_page(story: Story) -> dict:
    return {
        "story": story,
        "quotes": list(story.quotes.all()),
        "pictures": list(story.pictures.all()),
        "topics": list(story.topics.all()),
        "projects": list(story.projects.all()),
        "history": list(story.status_changes.select_related("changed_by")),
    }


# ---------------------------------------------------------------- partner organisations


def partners_for_list():
    return Partner.objects.annotate(
        project_count=Count("projects", filter=Q(projects__status__in=PUBLIC_STATUSES),
                            distinct=True),
        event_count=Count("events", filter=Q(events__is_published=True), distinct=True),
    ).order_by("name")


def partner_page(partner: Partner, *, show_accounts: bool) -> dict:
    """What a partner's page lists: the public projects and published events it co-hosts."""
    return {
        "partner": partner,
        "projects": list(Project.objects.public().filter(partners=partner).order_by("title")),
        "events": list(Event.objects.published().filter(partners=partner)
                       .order_by("-starts_at")[:50]),
        "accounts": (list(partner.accounts.select_related("user").order_by("user__email"))
                     if show_accounts else []),
    }


def partner_home(user) -> dict:
    """What a partner's staff see: everything their organisation co-hosts, in any status,
    with the counts they need to co-run it."""
    account = PartnerAccount.objects.select_related("partner").filter(user=user).first()
    if account is None:
        return {"partner": None, "projects": [], "events": []}
    partner = account.partner
    projects = (Project.objects.filter(partners=partner)
                .annotate(member_count=Count("memberships", distinct=True))
                .order_by("-starts_on", "title"))
    events = Event.objects.filter(partners=partner).with_counts().order_by("-starts_at")[:50]
    return {"partner": partner, "projects": list(projects), "events": list(events)}


def co_hosts_of(obj) -> list:
    """The partners co-hosting a project or an event (for its page and its reports)."""
    return list(obj.partners.order_by("name"))


def published_news(*, topic=None, area=None):
    return (NewsPost.objects.published().for_topic(topic).for_area(area).distinct()
            .order_by("-published_at", "-pk").prefetch_related("topics", "areas"))


def news_drafts():
    return list(NewsPost.objects.filter(status=NewsPost.Status.DRAFT).order_by("-pk")[:50])
