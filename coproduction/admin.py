from django.contrib import admin

from coproduction.models import GlossaryTerm


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "plainer"]
    search_fields = ["term", "plainer"]
