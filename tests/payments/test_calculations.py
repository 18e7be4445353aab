"""Amounts are worked out from the policy in force on the day of the activity, in pounds and
pence, and each line keeps the rate it used."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from payments.calculation import ClaimValues, ExpenseEntry, work_out_lines
from payments.models import ActivityRate, Claim, ClaimLine, RateUnit
from tests.payments.conftest import make_claim

D = Decimal
SEPTEMBER_2025 = date(2025, 9, 10)
Choice = Claim.PaymentChoice


def lines(policy, on=SEPTEMBER_2025, **values):
    return work_out_lines(ClaimValues(**values), on=on)


def test_hourly_rate(policy):
    [line] = lines(policy, activity_type=policy["meeting"], hours=D("2.5"))
    assert (line.category, line.amount, line.rate, line.quantity) == (
        ClaimLine.Category.PAYMENT, D("37.50"), D("15.00"), D("2.5"))


def test_half_days_round_up_and_fixed_amounts_ignore_hours(policy):
    [panel] = lines(policy, activity_type=policy["panel"], hours=D("5"))
    assert (panel.quantity, panel.amount) == (D("2"), D("120.00"))  # 5 hours = 2 half days
    [speaking] = lines(policy, activity_type=policy["speaking"], hours=D("3"))
    assert speaking.amount == D("50.00")


def test_unpaid_activity_gives_only_expenses(policy):
    result = lines(policy, activity_type=policy["training"], hours=D("3"), expenses=[
        ExpenseEntry(expense_type=policy["mileage"], miles=D("13"))])
    assert [(line.category, line.amount) for line in result] == [
        (ClaimLine.Category.EXPENSE, D("5.85"))]  # 13 miles at 45p


def test_meals_are_capped_and_money_stays_decimal(policy):
    [meal] = lines(policy, activity_type=None, expenses=[
        ExpenseEntry(expense_type=policy["meals"], amount=D("12.99"))])
    assert meal.amount == D("10.00") and isinstance(meal.amount, Decimal)
    assert "we pay up to £10.00" in meal.description


def test_vouchers_round_up_to_whole_vouchers(policy):
    [line] = lines(policy, activity_type=policy["meeting"], hours=D("2.5"),
                   payment_choice=Choice.VOUCHERS, voucher_option=policy["gift"])
    assert (line.category, line.quantity, line.amount) == (
        ClaimLine.Category.VOUCHER, D("4"), D("40.00"))


def test_taking_less_nothing_or_giving_to_charity(policy):
    [less] = lines(policy, activity_type=policy["meeting"], hours=D("2"),
                   payment_choice=Choice.LESS, less_amount=D("10"))
    assert less.amount == D("10.00")
    with pytest.raises(ValidationError) as error:
        lines(policy, activity_type=policy["meeting"], hours=D("2"),
              payment_choice=Choice.LESS, less_amount=D("45"))
    assert "less_amount" in error.value.message_dict
    [charity] = lines(policy, activity_type=policy["meeting"], hours=D("2"),
                      payment_choice=Choice.CHARITY, charity_name="Carers UK")
    assert charity.category == ClaimLine.Category.CHARITY and "Carers UK" in charity.description
    with pytest.raises(ValidationError) as error:
        lines(policy, activity_type=policy["meeting"], hours=D("2"), payment_choice=Choice.NONE)
    assert "expense_types" in error.value.message_dict  # nothing at all to claim


def test_taxi_needs_to_say_who_agreed_it(policy):
    with pytest.raises(ValidationError) as error:
        lines(policy, expenses=[ExpenseEntry(expense_type=policy["taxi"], amount=D("18"))])
    assert "expense_1_details" in error.value.message_dict
    [taxi] = lines(policy, expenses=[ExpenseEntry(expense_type=policy["taxi"], amount=D("18"),
                                                  details="Agreed with Priya on 3 May")])
    assert taxi.amount == D("18.00")


def test_rate_change_mid_year_old_claims_keep_old_rates(policy, member):
    """Meeting is £15 an hour until 5 April 2026 and £16 from 6 April 2026."""
    before = make_claim(member, policy, when=date(2026, 4, 5), hours="2")
    after = make_claim(member, policy, when=date(2026, 4, 6), hours="2")
    assert before.lines.get().amount == D("30.00")
    assert after.lines.get().amount == D("32.00")
    # A new rate from October: claims already made are not touched, new ones use it.
    ActivityRate.objects.create(activity_type=policy["meeting"], effective_from=date(2026, 10, 1),
                                unit=RateUnit.HOUR, amount=D("18.00"))
    before.refresh_from_db()
    assert before.lines.get().rate == D("15.00") and before.lines.get().amount == D("30.00")
    assert after.lines.get().amount == D("32.00")
    october = make_claim(member, policy, when=date(2026, 10, 2), hours="2")
    assert october.lines.get().amount == D("36.00")
