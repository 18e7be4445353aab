from django.contrib import admin

from people.models import Area, RoleChange, Topic, User


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
