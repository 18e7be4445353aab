from django.contrib import admin

from coproduction.admin import ReadOnlyAdmin
from people.models import (
    Area,
    Consent,
    Invitation,
    PopulationFigure,
    RoleChange,
    StaffAccess,
    Topic,
    User,
)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_our_voice", "is_council_staff", "is_finance_officer",
                    "is_service_admin", "is_active"]
    search_fields = ["email", "name"]
    # Roles change through the audited roles page, never here.
    readonly_fields = ["is_our_voice", "is_council_staff", "is_finance_officer",
                       "is_service_admin", "is_superuser", "last_login", "date_joined"]
    exclude = ["password", "groups", "user_permissions"]

    # Deleting here would skip the erasure service (anonymise in place, keep what the law
    # needs, tell every room): people leave through "Delete my account" or an erasure request.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "changed_by", "user", "role", "granted"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["person", "notice_version", "given_at", "method", "recorded_by",
                    "withdrawn_at"]


@admin.register(StaffAccess)
class StaffAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "subject", "count"]
    list_filter = ["action"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "person", "target_title", "status", "answered_at"]

@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    """The population percentages the dashboards set equality answers beside."""

    list_display = ["answer", "percent", "source"]


# Equality answers are deliberately not registered: nobody sees them one person at a time.
