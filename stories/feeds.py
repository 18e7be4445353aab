"""The Atom feed of published news (django.contrib.syndication)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stories.models import NewsPost

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"News from {settings.SERVICE_NAME}, {settings.COUNCIL_NAME}"

    def subtitle(self):
        return "What co-production in adult social care has achieved."

    def link(self):
        return reverse("stories:news_list")

    def items(self):
        return list(NewsPost.objects.published().order_by("-published_at", "-pk")[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
