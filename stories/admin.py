from django.contrib import admin

from coproduction.admin import ReadOnlyInline
from stories.models import (
    CaseStudy,
    NewsPost,
    Partner,
    PartnerAccount,
    Picture,
    Quote,
    Story,
    StoryStatusChange,
)


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


class PartnerAccountInline(ReadOnlyInline):
    model = PartnerAccount
    fields = ["user", "added_by", "added_at"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "website"]
    search_fields = ["name"]
    filter_horizontal = ["projects", "events"]
    exclude = ["members"]  # the members' own answer, changed only by them
    inlines = [PartnerAccountInline]


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "from_council", "status", "published_at"]
    list_filter = ["source", "status"]
    search_fields = ["title", "from_council"]
    readonly_fields = ["uid", "source", "from_council", "source_uid", "project", "status",
                       "created_by", "created_at", "published_by", "published_at"]


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at"]
    list_filter = ["status", "topics", "areas"]
    search_fields = ["title"]
    readonly_fields = ["author", "status", "created_at", "published_at"]
