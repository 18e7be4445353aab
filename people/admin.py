from django.contrib import admin

from people.models import Area, Consent, Invitation, RoleChange, StaffAccess, Topic, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_our_voice", "is_council_staff", "is_finance_officer",
                    "is_service_admin", "is_active"]
    search_fields = ["email", "name"]
    # Roles change through the audited roles page, never here.
    readonly_fields = ["is_our_voice", "is_council_staff", "is_finance_officer",
                       "is_service_admin", "is_superuser", "last_login", "date_joined"]
    exclude = ["password", "groups", "user_permissions"]


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "user", "role", "granted"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class _ReadOnly(admin.ModelAdmin):
    """Records kept as evidence: readable by the admin role, never changed here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(_ReadOnly):
    list_display = ["person", "notice_version", "given_at", "method", "recorded_by",
                    "withdrawn_at"]


@admin.register(StaffAccess)
class StaffAccessAdmin(_ReadOnly):
    list_display = ["at", "actor", "action", "subject", "count"]


@admin.register(Invitation)
class InvitationAdmin(_ReadOnly):
    list_display = ["sent_at", "person", "target_title", "status", "answered_at"]

# Equality answers are deliberately not registered: nobody sees them one person at a time.
