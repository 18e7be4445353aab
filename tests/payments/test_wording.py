"""Plain words on the claim pages: link text that makes sense alone, no jargon."""

import re

import pytest
from django.urls import reverse

from tests.payments.conftest import make_claim

pytestmark = pytest.mark.django_db


def test_each_claim_to_approve_is_a_link_that_names_the_person_and_the_activity(
        client_for, member, staff, policy):
    claim = make_claim(member, policy)
    html = client_for(staff).get(reverse("payments:approvals")).content.decode()
    link = re.search(rf'<a class="govuk-link" href="/payments/claims/{claim.pk}/decide/">(.*?)</a>',
                     html).group(1)
    assert link == (f'{member}<span class="govuk-visually-hidden">: decide on the claim for '
                    f'{claim.activity_title}</span>')


def test_claim_lines_say_payment_for_your_time_and_cost_paid_back(client_for, member, policy):
    claim = make_claim(member, policy, miles="10")
    html = client_for(member).get(reverse("payments:claim_detail", args=[claim.pk])).content
    html = html.decode()
    assert "Payment for your time" in html and "Cost paid back" in html
    assert "Involvement payment" not in html and ">Expenses<" not in html
    assert f"Claim number {claim.pk}" in html


def test_the_letter_asks_for_a_start_date_and_an_end_date(client_for, member, policy):
    html = client_for(member).get(reverse("payments:letter")).content.decode()
    assert re.search(r'<label[^>]*for="id_start"[^>]*>\s*Start date\s*</label>', html)
    assert re.search(r'<label[^>]*for="id_end"[^>]*>\s*End date\s*</label>', html)


# Django's own messages, which say nothing a member can act on.
DJANGO_DEFAULTS = ["Ensure this value", "Ensure that there are no more", "This field is required",
                   "Enter a number", "Enter a whole number", "Select a valid choice",
                   "is not one of the available choices", "The submitted file is empty",
                   "No file was submitted", "Enter a valid", "Ensure this filename"]


def _bad_inputs(policy):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from payments import forms
    from payments.calculation import ClaimValues, ExpenseEntry, answers_from_values

    answers = answers_from_values(ClaimValues(
        activity_type=policy["meeting"], hours=2, payment_choice="less", expenses=[
            ExpenseEntry(expense_type=policy["mileage"]),
            ExpenseEntry(expense_type=policy["taxi"])]))
    expense_types = {policy["mileage"].pk: policy["mileage"], policy["taxi"].pk: policy["taxi"]}
    long = "x" * 2001
    step = {"answers": answers, "on": None}
    return [
        (forms.ActivityForm(data={}, **step), "activity_type"),
        (forms.ActivityForm(data={"activity_type": "999"}, **step), "activity_type"),
        *[(forms.TimeForm(data={"hours": hours}, **step), "hours")
          for hours in ("", "two", "-1", "25", "2.555", "1" * 30)],
        (forms.PaymentForm(data={"payment_choice": "gold"}, **step), "payment_choice"),
        (forms.VouchersForm(data={"voucher_option": "999"}, **step), "voucher_option"),
        *[(forms.LessForm(data={"less_amount": amount}, **step), "less_amount")
          for amount in ("", "ten", "-5", "10000", "1.001")],
        (forms.CharityForm(data={"charity_name": ""}, **step), "charity_name"),
        (forms.CharityForm(data={"charity_name": long}, **step), "charity_name"),
        (forms.CostsForm(data={"expense_types": ["999"]}, **step), "expense_types"),
        (forms.CostsForm(data={"expense_types": ["x"]}, **step), "expense_types"),
        *[(forms.CostDetailsForm(data={"expense_1_miles": miles, "expense_2_amount": amount,
                                       "expense_2_details": details},
                                 expense_types=expense_types, **step), field)
          for miles, amount, details, field in [
              ("", "18", "Priya", "expense_1_miles"), ("ten", "18", "Priya", "expense_1_miles"),
              ("-3", "18", "Priya", "expense_1_miles"), ("1001", "18", "P", "expense_1_miles"),
              ("12", "", "Priya", "expense_2_amount"), ("12", "£4", "P", "expense_2_amount"),
              ("12", "18", "", "expense_2_details"), ("12", "18", long, "expense_2_details")]],
        (forms.ReceiptStepForm(data={}, files={"receipt": SimpleUploadedFile("r.png", b"")},
                               **step), "receipt"),
        (forms.NotesForm(data={"notes": long}, **step), "notes"),
        (forms.DecisionForm(data={}), "decision"),
        (forms.DecisionForm(data={"decision": "paid"}), "decision"),
        (forms.DecisionForm(data={"decision": "approved", "reason": long}), "reason"),
        (forms.ReceiptForm(data={}, files={}), "receipt"),
        (forms.ReceiptForm(data={}, files={"receipt": SimpleUploadedFile("r.png", b"")}),
         "receipt"),
        (forms.PeriodForm(data={"start": "", "end": "31/02/2026"}), "start"),
        (forms.PeriodForm(data={"start": "", "end": "31/02/2026"}), "end"),
        (forms.PayeeForm(data={"reference": ""}), "reference"),
        (forms.PayeeForm(data={"reference": "A" * 41}), "reference"),
        (forms.SearchForm(data={"q": "x" * 201}), "q"),
        (forms.BatchForm(data={"claims": ["999"]}), "claims"),
    ]


def test_every_message_in_the_payments_forms_is_plain_english(policy):
    for form, field in _bad_inputs(policy):
        assert not form.is_valid() and field in form.errors, (type(form).__name__, field,
                                                              form.data)
        for message in form.errors[field]:
            assert not any(default in message for default in DJANGO_DEFAULTS), (
                type(form).__name__, field, form.data, message)
            assert message[0].isupper(), message
    # Numbers as people write them.
    [(form, _)] = [(f, n) for f, n in _bad_inputs(policy)
                   if n == "less_amount" and f.data["less_amount"] == "10000"]
    form.is_valid()
    assert form.errors["less_amount"] == ["Enter how much you would like as £9,999 or less"]
