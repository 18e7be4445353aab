"""Reads for stories, case studies, partners and news: each list page gets a bounded number
of queries whatever its length (prefetches, no per-row queries in templates)."""

from people.models import Topic
from stories.models import Story

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
