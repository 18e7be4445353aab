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


# --- One home for a claim's amounts ---

def test_the_database_and_python_add_up_a_claim_the_same_way(member, policy):
    from payments.calculation import amounts, with_amounts

    claims = [
        make_claim(member, policy, hours="2.5", miles="13"),
        make_claim(member, policy, hours="3", payment_choice=Choice.VOUCHERS,
                   voucher_option=policy["gift"]),
        make_claim(member, policy, hours="2", payment_choice=Choice.CHARITY, submit=False,
                   charity_name="Carers UK", expenses=[
                       ExpenseEntry(expense_type=policy["meals"], amount=D("12.99"))]),
        make_claim(member, policy, activity_type=policy["training"], miles="7"),
    ]
    annotated = {c.pk: c for c in with_amounts(Claim.objects.filter(pk__in=[c.pk for c in claims]))}
    for claim in claims:
        in_python = amounts(list(claim.lines.all()))
        in_database = annotated[claim.pk]
        assert (in_database.payment_amount, in_database.expenses_amount,
                in_database.total_amount) == (in_python.for_time, in_python.costs,
                                              in_python.total)
    assert [annotated[c.pk].total_amount for c in claims] == [
        D("45.85"), D("50.00"), D("42.00"), D("3.15")]  # vouchers round up to whole £10s


def test_the_data_rights_export_and_batches_use_the_same_totals(member, staff, policy,
                                                                finance_user):
    from payments.calculation import total
    from payments.services import batch_create, claim_decide, payee_set
    from people.data_rights import data_sections

    claim = make_claim(member, policy, hours="2.5", miles="13")
    [section] = [s for s in data_sections() if s.name == "claims"]
    assert section.collect(member)[0]["total"] == total(claim.lines.all()) == D("45.85")
    claim_decide(claim=claim, by=staff, decision=Claim.Status.APPROVED)
    payee_set(person=member, by=finance_user, reference="NCC-1")
    assert batch_create(by=finance_user).total == D("45.85")


def test_nothing_but_payments_calculation_adds_up_claim_lines():
    """One home for claim arithmetic: no view, export or template sums line amounts itself."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    adds_up = re.compile(r"sum\(\s*\(?\s*line\.amount|\.amount for line|Sum\(\"(lines__)?amount\"\)"
                         r"|totals_by_category|def with_amounts|claim\.js")
    offenders = [str(path.relative_to(root)) for folder in ("payments", "templates/payments",
                                                            "people")
                 for path in (root / folder).rglob("*") if path.suffix in (".py", ".html", ".js")
                 and path.name != "calculation.py" and "migrations" not in path.parts
                 and adds_up.search(path.read_text())]
    # The batch file groups sums by payee in the database: the batch's own arithmetic.
    assert offenders == ["payments/services.py"] or offenders == [], offenders
    assert not re.search(r"sum\(\s*\(?\s*line\.amount", (root / "payments/services.py")
                         .read_text())
