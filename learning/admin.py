from django.contrib import admin

from coproduction.admin import ReadOnlyAdmin
from learning.models import (
    ChecklistItem,
    Completion,
    ForumTheme,
    Moderator,
    Report,
    ToolkitPage,
    ToolkitTemplate,
)


@admin.register(ToolkitPage)
class ToolkitPageAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]


@admin.register(ToolkitTemplate)
class ToolkitTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "order", "active"]
    list_filter = ["active"]


@admin.register(ForumTheme)
class ForumThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Moderator)
class ModeratorAdmin(admin.ModelAdmin):
    list_display = ["person", "added_at"]
    autocomplete_fields = ["person"]


@admin.register(Completion)
class CompletionAdmin(ReadOnlyAdmin):
    list_display = ["course", "person", "completed_on", "source"]
    list_filter = ["course", "source"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["post", "reported_by", "reported_at", "resolved_at"]
