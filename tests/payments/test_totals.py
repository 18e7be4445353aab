"""A person's totals per tax year, counted in the database, and the threshold warnings."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import Claim, Threshold
from payments.selectors import person_totals
from payments.services import claim_decide
from tests.payments.conftest import make_claim

D = Decimal
Choice = Claim.PaymentChoice
pytestmark = pytest.mark.django_db


def test_totals_split_payments_vouchers_and_expenses_by_tax_year(member, staff, policy):
    make_claim(member, policy, when=date(2025, 4, 5), hours="10")  # 2024-25: not counted
    make_claim(member, policy, when=date(2025, 4, 6), hours="2", miles="10")  # £30 + £4.50
    make_claim(member, policy, when=date(2026, 4, 5), hours="1",  # £15 as 2 £10 vouchers
               payment_choice=Choice.VOUCHERS, voucher_option=policy["gift"])
    make_claim(member, policy, when=date(2025, 6, 1), hours="1",
               payment_choice=Choice.CHARITY, charity_name="Mind")
    make_claim(member, policy, when=date(2025, 6, 2), hours="3", submit=False)  # draft
    rejected = make_claim(member, policy, when=date(2025, 6, 3), hours="3")
    claim_decide(claim=rejected, by=staff, decision=Claim.Status.REJECTED, reason="No")
    totals = person_totals(member, on=date(2025, 12, 1))
    assert (totals.start, totals.end) == (date(2025, 4, 6), date(2026, 4, 5))
    assert (totals.payments, totals.vouchers, totals.expenses, totals.charity) == (
        D("30.00"), D("20.00"), D("4.50"), D("15.00"))
    assert person_totals(member, on=date(2025, 4, 5)).payments == D("150.00")


def test_warnings_near_and_past_each_threshold(member, policy):
    """HMRC £1,000 a tax year (warn at 80%), ESA £195.50 a week (75%), UC any payment."""
    make_claim(member, policy, when=date(2025, 5, 5), hours="9", miles="300")  # £135 + £135
    names = {w.threshold.name: w for w in person_totals(member, on=date(2025, 5, 5)).warnings}
    assert set(names) == {"Universal Credit"}  # £135 < 75% of £195.50; expenses never count
    make_claim(member, policy, when=date(2025, 5, 6), hours="2")  # same week: £165
    names = {w.threshold.name: w for w in person_totals(member, on=date(2025, 5, 6)).warnings}
    assert not names["ESA permitted work"].passed and names["ESA permitted work"].total == 165
    make_claim(member, policy, when=date(2025, 5, 7), hours="3")  # £210: over
    names = {w.threshold.name: w for w in person_totals(member, on=date(2025, 5, 7)).warnings}
    assert names["ESA permitted work"].passed
    assert "HMRC trading allowance" not in names
    # A claim being made is added in before it is counted.
    warned = person_totals(member, on=date(2025, 9, 1), adding={"payment": D("600")})
    assert {w.threshold.name for w in warned.warnings} >= {"HMRC trading allowance"}


def test_thresholds_are_configuration(member, policy):
    Threshold.objects.update(active=False)
    Threshold.objects.create(name="Council test limit", period=Threshold.Period.TAX_YEAR,
                             counts=Threshold.Counts.VOUCHERS, amount=D("20"),
                             message="Ask an adviser.")
    make_claim(member, policy, when=date(2025, 5, 5), hours="1",
               payment_choice=Choice.VOUCHERS, voucher_option=policy["gift"])  # 2 × £10
    [warning] = person_totals(member, on=date(2025, 5, 5)).warnings
    assert warning.threshold.name == "Council test limit" and not warning.passed


def test_totals_shown_to_member_and_on_the_approval_screen(client_for, member, staff, policy):
    claim = make_claim(member, policy, hours="2", miles="10")
    for user, url in ((member, reverse("payments:claim_list")),
                      (staff, reverse("payments:claim_review", args=[claim.pk]))):
        html = client_for(user).get(url).content.decode()
        assert "£32.00" in html and "£4.50" in html
        assert "Universal Credit" in html and "independent benefits adviser" in html


def test_totals_query_count_does_not_grow(member, policy, django_assert_max_num_queries):
    for day in range(1, 8):
        make_claim(member, policy, when=date(2025, 5, day), hours="1")
    with django_assert_max_num_queries(2):  # the thresholds, one aggregate
        person_totals(member, on=date(2025, 5, 5))
