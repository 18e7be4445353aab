"""The recognition policy is configured by the admin role here (/django-admin/). Rates are
added as new rows with an effective date rather than edited, so that the history stays."""

from django.contrib import admin

from coproduction.admin import ReadOnlyAdmin, ReadOnlyInline
from payments import rules
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


class FinanceOnlyAdmin(ReadOnlyAdmin):
    """Claims and batches hold people's money and notes: the admin role configures the policy
    here but sees claims only as the finance pages' rule allows (finance officers)."""

    def has_module_permission(self, request):
        return super().has_module_permission(request) and rules.can_run_batches(request.user)

    def has_view_permission(self, request, obj=None):
        return rules.can_run_batches(request.user) and super().has_view_permission(request, obj)


@admin.register(Claim)
class ClaimAdmin(FinanceOnlyAdmin):
    """For looking things up: claims change only through the portal's own pages."""

    list_display = ["pk", "person", "activity_title", "activity_date", "status"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__name", "activity_title"]
    inlines = [ClaimLineInline, ClaimEventInline]


@admin.register(PaymentBatch)
class PaymentBatchAdmin(FinanceOnlyAdmin):
    list_display = ["pk", "created_at", "created_by", "claim_count", "total", "status"]
