"""Reads for the payments room. Totals are summed by the database, never in Python floats."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from payments.calculation import sum_of, with_amounts
from payments.models import (
    ActivityRate,
    ActivityType,
    Claim,
    ClaimLine,
    ExpenseRate,
    ExpenseType,
    PayeeDetails,
    PaymentBatch,
    Threshold,
    VoucherOption,
)
from payments.taxyear import month_bounds, tax_year_bounds, tax_year_label, week_bounds
from people.models import Involvement

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")
# Claims whose money counts towards a person's totals: everything not a draft, returned or
# turned down.
COUNTED = [Claim.Status.SUBMITTED, Claim.Status.APPROVED, Claim.Status.BATCHED,
           Claim.Status.PAID]
Category = ClaimLine.Category
THRESHOLD_CATEGORIES = {
    Threshold.Counts.PAYMENTS: [Category.PAYMENT],
    Threshold.Counts.VOUCHERS: [Category.VOUCHER],
    Threshold.Counts.BOTH: [Category.PAYMENT, Category.VOUCHER],
}
PERIOD_BOUNDS = {
    Threshold.Period.TAX_YEAR: tax_year_bounds,
    Threshold.Period.MONTH: month_bounds,
    Threshold.Period.WEEK: week_bounds,
}


# --- The policy ---

def activity_rate_on(activity_type, day: date) -> ActivityRate | None:
    return (ActivityRate.objects.filter(activity_type=activity_type, effective_from__lte=day)
            .order_by("-effective_from").first())


def expense_rate_on(expense_type, day: date) -> ExpenseRate | None:
    return (ExpenseRate.objects.filter(expense_type=expense_type, effective_from__lte=day)
            .order_by("-effective_from").first())


def _in_force(rates, day):
    # `rates` are prefetched newest first.
    return next((rate for rate in rates if rate.effective_from <= day), None)


@dataclass
class Policy:
    on: date
    activities: list = field(default_factory=list)  # (ActivityType, ActivityRate | None)
    expenses: list = field(default_factory=list)  # (ExpenseType, ExpenseRate | None)
    vouchers: list = field(default_factory=list)
    thresholds: list = field(default_factory=list)


def policy_on(day: date | None = None) -> Policy:
    """The whole policy in force on `day`, loaded in five queries."""
    day = day or timezone.localdate()
    activities = ActivityType.objects.filter(active=True).prefetch_related("rates")
    expenses = ExpenseType.objects.filter(active=True).prefetch_related("rates")
    return Policy(
        on=day,
        activities=[(a, _in_force(a.rates.all(), day)) for a in activities],
        expenses=[(e, _in_force(e.rates.all(), day)) for e in expenses],
        vouchers=list(VoucherOption.objects.filter(active=True)),
        thresholds=list(Threshold.objects.filter(active=True)),
    )


def paid_activity_rates(day: date | None = None) -> list:
    """(ActivityType, ActivityRate) for each paid activity with a rate in force on `day`, in two
    queries: what a project's page says we pay, straight from the policy."""
    day = day or timezone.localdate()
    activities = ActivityType.objects.filter(active=True, is_paid=True).prefetch_related("rates")
    pairs = [(activity, _in_force(activity.rates.all(), day)) for activity in activities]
    return [(activity, rate) for activity, rate in pairs if rate is not None]


# --- A person's totals and warnings ---

@dataclass
class Warning:
    threshold: Threshold
    total: Decimal
    passed: bool
    period_start: date
    period_end: date


@dataclass
class Totals:
    """One person's money in the tax year containing `on`."""

    on: date
    start: date
    end: date
    label: str
    payments: Decimal
    vouchers: Decimal
    charity: Decimal
    expenses: Decimal
    warnings: list
    adding: dict = field(default_factory=dict)

    @property
    def income(self):
        return self.payments + self.vouchers


def person_totals(person, *, on: date | None = None, adding: dict | None = None) -> Totals:
    """Payments, vouchers, charity and expenses for `person` in the tax year containing `on`,
    and a warning for every threshold they are near or past. `adding` ({category: amount}) is a
    claim not yet counted (on the claim form), dated `on`. Two queries."""
    on = on or timezone.localdate()
    adding = {key: value for key, value in (adding or {}).items() if value}
    start, end = tax_year_bounds(on)
    thresholds = list(Threshold.objects.filter(active=True))
    sums = {
        "payments": sum_of(claim__activity_date__range=(start, end), category=Category.PAYMENT),
        "vouchers": sum_of(claim__activity_date__range=(start, end), category=Category.VOUCHER),
        "charity": sum_of(claim__activity_date__range=(start, end), category=Category.CHARITY),
        "expenses": sum_of(claim__activity_date__range=(start, end), category=Category.EXPENSE),
    }
    periods = {}
    for threshold in thresholds:
        periods[threshold.pk] = PERIOD_BOUNDS[threshold.period](on)
        sums[f"t{threshold.pk}"] = sum_of(
            claim__activity_date__range=periods[threshold.pk],
            category__in=THRESHOLD_CATEGORIES[threshold.counts])
    row = ClaimLine.objects.filter(claim__person=person, claim__status__in=COUNTED).aggregate(
        **sums)
    row = {key: Decimal(value).quantize(PENNY) for key, value in row.items()}
    warnings = []
    for threshold in thresholds:
        total = row[f"t{threshold.pk}"] + sum(
            (adding.get(c, ZERO) for c in THRESHOLD_CATEGORIES[threshold.counts]), ZERO)
        near = threshold.amount * threshold.warn_at_percent / 100
        if total >= near and total > 0:
            warnings.append(Warning(threshold, total, total > threshold.amount,
                                    *periods[threshold.pk]))
    return Totals(
        on=on, start=start, end=end, label=tax_year_label(on),
        payments=row["payments"] + adding.get(Category.PAYMENT, ZERO),
        vouchers=row["vouchers"] + adding.get(Category.VOUCHER, ZERO),
        charity=row["charity"] + adding.get(Category.CHARITY, ZERO),
        expenses=row["expenses"] + adding.get(Category.EXPENSE, ZERO),
        warnings=warnings, adding=adding,
    )


@dataclass
class LetterLines:
    paid: list  # paid in the period, by the date paid
    waiting: list  # approved, not paid yet


def payment_lines_for_letter(person, start: date, end: date) -> LetterLines:
    """The involvement payments and vouchers paid to `person` between `start` and `end`, in
    the order of the date paid (what the Jobcentre asks for), and those approved for an
    activity in the period but not paid yet."""
    lines = ClaimLine.objects.filter(
        claim__person=person, category__in=[Category.PAYMENT, Category.VOUCHER],
    ).select_related("claim")
    return LetterLines(
        paid=list(lines.filter(claim__status=Claim.Status.PAID,
                               claim__paid_at__date__range=(start, end))
                  .order_by("claim__paid_at", "claim__activity_date", "id")),
        waiting=list(lines.filter(claim__status__in=[Claim.Status.APPROVED,
                                                      Claim.Status.BATCHED],
                                  claim__activity_date__range=(start, end))
                     .order_by("claim__activity_date", "id")),
    )


# --- Claims ---

def claims_for_person(person):
    return with_amounts(Claim.objects.filter(person=person)).order_by("-activity_date", "-id")


def involvements_to_claim(person):
    """What `person` took part in and has not claimed for yet (newest first)."""
    live = Claim.objects.filter(involvement=OuterRef("pk")).exclude(status=Claim.Status.REJECTED)
    return (Involvement.objects.filter(person=person, starts_at__lte=timezone.now())
            .exclude(kind=Involvement.Kind.PROJECT)
            .exclude(Exists(live)).order_by("-starts_at"))


def claims_awaiting_approval():
    return with_amounts(Claim.objects.filter(status=Claim.Status.SUBMITTED)
                        .select_related("person", "made_by")).order_by("submitted_at", "id")


def claims_ready_to_batch():
    return with_amounts(Claim.objects.filter(status=Claim.Status.APPROVED)
                        .select_related("person__payee", "decided_by")
                        ).order_by("decided_at", "id")


def batches():
    return PaymentBatch.objects.select_related("created_by", "paid_by").defer("csv")


def batch_claims(batch):
    return with_amounts(Claim.objects.filter(batch_item__batch=batch)
                        .select_related("person__payee")).order_by("person__name", "id")


def people_for_payees(q: str = ""):
    """People who have claimed, with their payee reference and the count of claims waiting."""
    from people.models import User

    # Exists and a per-person subquery, not a join to every claim with DISTINCT and
    # COUNT(DISTINCT) (issue 13: the payees page grew with all the claims ever made).
    people = User.objects.filter(Exists(Claim.objects.filter(person=OuterRef("pk"))))
    if q:
        people = people.filter(Q(name__icontains=q) | Q(email__icontains=q)
                               | Q(payee__reference__icontains=q))
    waiting = (Claim.objects.filter(person=OuterRef("pk"), status=Claim.Status.APPROVED)
               .order_by().values("person").annotate(n=Count("pk")).values("n"))
    return (people.select_related("payee")
            .annotate(waiting=Coalesce(Subquery(waiting, output_field=IntegerField()),
                                       Value(0)))
            .order_by("name", "email"))


def payee_reference(person) -> str:
    details = PayeeDetails.objects.filter(person=person).first()
    return details.reference if details else ""


def people_with_involvements(q: str):
    """Members matching `q` (name or email), for staff claiming on someone's behalf."""
    from people.models import User

    return (User.objects.filter(Q(name__icontains=q) | Q(email__icontains=q),
                                involvements__isnull=False)
            .distinct().order_by("name", "email"))


def staff_who_can_decide(claim, *, limit: int = 5) -> list:
    """Staff who may decide `claim` (anyone on staff but its claimant and its maker)."""
    from people.models import GRANTABLE_ROLES, Role, User

    return list(User.objects.filter(is_active=True, **{GRANTABLE_ROLES[Role.STAFF]: True})
                .exclude(pk__in=[claim.person_id, claim.made_by_id])
                .order_by("name", "email")[:limit])
