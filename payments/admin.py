"""The recognition policy is configured by the admin role here (/django-admin/). Rates are
added as new rows with an effective date rather than edited, so that the history stays."""

from django.contrib import admin

from coproduction.admin import ReadOnlyAdmin, ReadOnlyInline
from payments.models import (
    ActivityRate,
    ActivityType,
    Claim,
    ClaimEvent,
    ClaimLine,
    ExpenseRate,
    ExpenseType,
    PaymentBatch,
    Threshold,
    VoucherOption,
)


class ActivityRateInline(admin.TabularInline):
    model = ActivityRate
    extra = 1


class ExpenseRateInline(admin.TabularInline):
    model = ExpenseRate
    extra = 1


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_paid", "active", "order"]
    list_editable = ["order"]
    inlines = [ActivityRateInline]


@admin.register(ExpenseType)
class ExpenseTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "needs_receipt", "needs_prior_agreement", "active", "order"]
    inlines = [ExpenseRateInline]


@admin.register(VoucherOption)
class VoucherOptionAdmin(admin.ModelAdmin):
    list_display = ["name", "denomination", "active"]


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    list_display = ["name", "period", "counts", "amount", "warn_at_percent", "active"]


class ClaimLineInline(ReadOnlyInline):
    model = ClaimLine


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    """For looking things up: claims change only through the portal's own pages."""

    list_display = ["pk", "person", "activity_title", "activity_date", "status"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__name", "activity_title"]
    inlines = [ClaimLineInline, ClaimEventInline]


@admin.register(PaymentBatch)
class PaymentBatchAdmin(ReadOnlyAdmin):
    list_display = ["pk", "created_at", "created_by", "claim_count", "total", "status"]
