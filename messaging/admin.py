"""Messages in Django admin: read only (they change through messaging.services)."""

from django.contrib import admin

from coproduction.admin import ReadOnlyAdmin, ReadOnlyInline
from messaging.models import CallAttempt, Delivery, Digest


class CallAttemptInline(ReadOnlyInline):
    model = CallAttempt
    fields = ["at", "outcome", "by", "note"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "channel", "version", "status", "subject"]
    list_filter = ["channel", "status", "version"]
    search_fields = ["notify_id", "subject"]
    inlines = [CallAttemptInline]


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ["until", "frequency", "item_count"]
    list_filter = ["frequency"]
