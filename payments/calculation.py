"""Claim arithmetic, in one place: the lines of a claim worked out from the policy in force on
the day of the activity, and a claim's amounts (for time, for costs, in all) from its lines,
in Python for lines in hand and in the database for lists of claims. Views, the claim steps,
batches, letters and the data-rights export all call these; nothing else adds up a claim.

Money is Decimal in pounds and pence, rounded half up to the penny, never float."""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from payments.models import PENCE, Claim, ClaimLine, ExpenseType, RateUnit

Choice = Claim.PaymentChoice
Category = ClaimLine.Category
ZERO = Decimal("0.00")
# What a claim pays for the person's time, however they chose to take it.
FOR_TIME = (Category.PAYMENT, Category.VOUCHER, Category.CHARITY)
NOTHING_TO_CLAIM = ("There is nothing to claim. Choose to be paid for your time or add a "
                    "cost.")


def pounds(value) -> Decimal:
    return Decimal(value).quantize(PENCE, rounding=ROUND_HALF_UP)


# --- What a claim says ---

@dataclass
class ExpenseEntry:
    expense_type: ExpenseType
    amount: Decimal | None = None  # what was paid (not mileage)
    miles: Decimal | None = None  # mileage only
    details: str = ""


@dataclass
class ClaimValues:
    """What a claim says, already parsed."""

    activity_type: object | None = None
    hours: Decimal = Decimal("0")
    payment_choice: str = Choice.FULL
    less_amount: Decimal | None = None
    voucher_option: object | None = None
    charity_name: str = ""
    expenses: list = field(default_factory=list)
    notes: str = ""


def _decimal(text):
    return None if text in (None, "") else Decimal(text)


def _text(number):
    return None if number is None else str(number)


def answers_from_values(values: ClaimValues) -> dict:
    """ClaimValues as a claim stores them between its steps (Claim.answers: plain JSON)."""
    return {
        "activity_type": values.activity_type.pk if values.activity_type else None,
        "hours": _text(values.hours), "payment_choice": values.payment_choice,
        "less_amount": _text(values.less_amount),
        "voucher_option": values.voucher_option.pk if values.voucher_option else None,
        "charity_name": values.charity_name,
        "expenses": [{"type": entry.expense_type.pk, "amount": _text(entry.amount),
                      "miles": _text(entry.miles), "details": entry.details}
                     for entry in values.expenses],
        "notes": values.notes,
    }


def values_from_answers(answers: dict) -> ClaimValues:
    """The stored answers read back (three queries at most). Types no longer on offer are
    still read: a claim keeps what it said."""
    from payments.models import ActivityType, VoucherOption

    expense_types = ExpenseType.objects.in_bulk(
        [entry["type"] for entry in answers.get("expenses", [])])
    return ClaimValues(
        activity_type=ActivityType.objects.filter(pk=answers.get("activity_type")).first()
        if answers.get("activity_type") else None,
        hours=_decimal(answers.get("hours")) or Decimal("0"),
        payment_choice=answers.get("payment_choice") or Choice.FULL,
        less_amount=_decimal(answers.get("less_amount")),
        voucher_option=VoucherOption.objects.filter(pk=answers.get("voucher_option")).first()
        if answers.get("voucher_option") else None,
        charity_name=answers.get("charity_name") or "",
        expenses=[ExpenseEntry(expense_type=expense_types[entry["type"]],
                               amount=_decimal(entry.get("amount")),
                               miles=_decimal(entry.get("miles")),
                               details=entry.get("details") or "")
                  for entry in answers.get("expenses", []) if entry["type"] in expense_types],
        notes=answers.get("notes") or "",
    )


# --- Working out the lines ---

def time_amount(rate, hours: Decimal) -> tuple[Decimal, Decimal, str]:
    """(quantity, amount, unit label) for time at `rate`."""
    if rate.unit == RateUnit.HOUR:
        return hours, pounds(rate.amount * hours), "hours"
    if rate.unit == RateUnit.FIXED:
        return Decimal("1"), pounds(rate.amount), "fixed"
    units = Decimal(max(1, math.ceil(hours / rate.unit_hours))) if hours > 0 else Decimal("0")
    label = "half days" if rate.unit == RateUnit.HALF_DAY else "days"
    return units, pounds(rate.amount * units), label


def work_out_lines(values: ClaimValues, *, on) -> list[ClaimLine]:
    """The lines of a claim for an activity on the day `on`, at the rates in force that day.
    Raises ValidationError (keyed by field: activity_type, less_amount, voucher_option,
    charity_name, expense_<n>_<part> numbering the costs from 1, and "nothing
    to claim" on expense_types) when the values do not make a claim."""
    from payments.selectors import activity_rate_on, expense_rate_on

    lines, errors = [], {}
    activity = values.activity_type
    if activity is not None and activity.is_paid and values.payment_choice != Choice.NONE:
        rate = activity_rate_on(activity, on)
        if rate is None:
            errors["activity_type"] = "There is no rate for this activity on that date. Ask us."
        else:
            quantity, full, unit = time_amount(rate, values.hours)
            described = f"{activity.name}: {quantity.normalize():f} {unit}" \
                if unit != "fixed" else activity.name
            line = ClaimLine(category=Category.PAYMENT, activity_type=activity,
                             description=described, quantity=quantity, rate=rate.amount,
                             rate_unit=rate.get_unit_display(), amount=full)
            if values.payment_choice == Choice.LESS:
                less = values.less_amount
                if less is None or less <= 0:
                    errors["less_amount"] = "Enter how much you want to be paid, for example 10.00"
                elif less >= full:
                    errors["less_amount"] = f"Enter an amount less than £{full}"
                else:
                    line.amount = pounds(less)
                    line.description += f" (you asked for less than £{full})"
            elif values.payment_choice == Choice.VOUCHERS:
                option = values.voucher_option
                if option is None:
                    errors["voucher_option"] = "Select which vouchers you would like"
                elif full > 0:
                    count = math.ceil(full / option.denomination)
                    line.category = Category.VOUCHER
                    line.description += f" as {count} × {option.name}"
                    line.quantity = Decimal(count)
                    line.rate, line.rate_unit = option.denomination, "per voucher"
                    line.amount = pounds(option.denomination * count)
            elif values.payment_choice == Choice.CHARITY:
                if not values.charity_name.strip():
                    errors["charity_name"] = "Enter the name of the charity"
                line.category = Category.CHARITY
                line.description += f", paid to {values.charity_name.strip()}"
            if line.amount > 0:
                lines.append(line)
    for number, entry in enumerate(values.expenses, start=1):
        expense = entry.expense_type
        rate = expense_rate_on(expense, on)
        if expense.needs_prior_agreement and not entry.details.strip():
            errors[f"expense_{number}_details"] = (
                f"Say who agreed the {expense.name.lower()} with you before the day")
        if expense.kind == ExpenseType.Kind.MILEAGE:
            if rate is None or rate.rate_per_mile is None:
                errors[f"expense_{number}_type"] = "There is no mileage rate for that date"
                continue
            if not entry.miles or entry.miles <= 0:
                errors[f"expense_{number}_miles"] = ("Enter the number of miles you drove, "
                                                     "for example 12")
                continue
            lines.append(ClaimLine(
                category=Category.EXPENSE, expense_type=expense, quantity=entry.miles,
                description=f"{expense.name}: {entry.miles.normalize():f} miles",
                rate=rate.rate_per_mile, rate_unit="per mile",
                amount=pounds(rate.rate_per_mile * entry.miles)))
            continue
        if not entry.amount or entry.amount <= 0:
            errors[f"expense_{number}_amount"] = "Enter how much you paid, for example 4.50"
            continue
        amount, description = pounds(entry.amount), expense.name
        if entry.details.strip():
            description += f": {entry.details.strip()}"
        if rate is not None and rate.cap is not None and amount > rate.cap:
            description += f" (we pay up to £{rate.cap})"
            amount = rate.cap
        lines.append(ClaimLine(category=Category.EXPENSE, expense_type=expense,
                               description=description[:300], amount=amount,
                               rate=rate.cap if rate else None,
                               rate_unit="cap" if rate and rate.cap is not None else ""))
    if errors:
        raise ValidationError(errors)
    if not lines:
        raise ValidationError({"expense_types": NOTHING_TO_CLAIM})
    return lines


def missing_receipts(lines, *, receipt_count: int) -> list[str]:
    """Names of costs that need a receipt, when the claim has none."""
    if receipt_count:
        return []
    return sorted({line.expense_type.name for line in lines
                   if line.expense_type is not None and line.expense_type.needs_receipt})


# --- A claim's amounts ---

@dataclass
class Amounts:
    """What a claim (or a set of lines) comes to."""

    for_time: Decimal  # payment, vouchers or charity
    costs: Decimal
    total: Decimal
    by_category: dict  # {category: amount}, only categories with lines


def amounts(lines) -> Amounts:
    """The amounts of lines in hand (worked out, or loaded with the claim)."""
    by_category = {}
    for line in lines:
        by_category[line.category] = by_category.get(line.category, ZERO) + line.amount
    for_time = sum((by_category.get(c, ZERO) for c in FOR_TIME), ZERO)
    costs = by_category.get(Category.EXPENSE, ZERO)
    return Amounts(for_time=for_time, costs=costs, total=for_time + costs,
                   by_category=by_category)


def total(lines) -> Decimal:
    return amounts(lines).total


def sum_of(expression="amount", **filters):
    """A database sum of money that is £0.00, not None, when there is nothing to add."""
    return Coalesce(Sum(expression, filter=Q(**filters) if filters else None),
                    Value(ZERO, output_field=DecimalField(max_digits=10, decimal_places=2)))


def _lines_of_claim(**filters):
    """The sum of one claim's lines (those matching `filters`): a subquery, £0.00 for none."""
    rows = (ClaimLine.objects.filter(claim=OuterRef("pk"), **filters).order_by()
            .values("claim").annotate(total=Sum("amount")).values("total"))
    money = DecimalField(max_digits=10, decimal_places=2)
    return Coalesce(Subquery(rows, output_field=money), Value(ZERO, output_field=money))


def with_amounts(claims):
    """The same amounts for a queryset of claims, summed by the database:
    payment_amount (for time), expenses_amount and total_amount. Subqueries per claim, so a
    page of 5 or 50 claims adds up only their lines (issue 13: joining every claim's lines
    and grouping them all before the page was cut grew with all the claims waiting)."""
    return claims.annotate(
        payment_amount=_lines_of_claim(category__in=FOR_TIME),
        expenses_amount=_lines_of_claim(category=Category.EXPENSE),
        total_amount=_lines_of_claim(),
    )


def lines_total(lines_queryset) -> Decimal:
    """The total of a queryset of lines (a batch's, say), summed by the database."""
    return pounds(lines_queryset.aggregate(total=sum_of("amount"))["total"])
