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
