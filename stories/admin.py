from django.contrib import admin

from coproduction.admin import ReadOnlyInline
from stories.models import Picture, Quote, Story, StoryStatusChange


class StoryStatusChangeInline(ReadOnlyInline):
    model = StoryStatusChange


class QuoteInline(ReadOnlyInline):
    model = Quote


class PictureInline(ReadOnlyInline):
    model = Picture


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "published_at"]
    list_filter = ["status", "topics"]
    search_fields = ["title"]
    readonly_fields = ["author", "by_staff", "status", "published_at", "created_at"]
    inlines = [QuoteInline, PictureInline, StoryStatusChangeInline]
