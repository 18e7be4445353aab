from django.contrib import admin

from coproduction.models import GlossaryTerm


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records kept as evidence (consents, audit rows, claims, batches): the admin role can look
    them up here, but they change only through the portal's own services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "plainer"]
    search_fields = ["term", "plainer"]
