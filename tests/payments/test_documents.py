"""The benefits letter and the payments policy in standard, large print and easy read: tagged
PDFs with a title and language, type never too small, the reader's own format by default."""

import re
from datetime import date

import pytest
from django.urls import reverse

from payments.models import Claim
from payments.services import claim_decide
from people.models import MemberProfile
from tests.payments.conftest import make_claim
from tests.pdf_checks import (
    assert_easy_read_wording,
    assert_tagged,
    assert_type_size,
    capture_html,
    pdf_text,
)

pytestmark = pytest.mark.django_db

PERIOD = {"start": "06/04/2025", "end": "05/04/2026"}


@pytest.fixture
def paid(member, staff, finance_user, policy):
    from tests.payments.test_pages import _paid

    claim = make_claim(member, policy, when=date(2025, 6, 1), hours="2", miles="10")
    claim_decide(claim=claim, by=staff, decision=Claim.Status.APPROVED)
    _paid([claim], on=date(2025, 8, 4), by=finance_user)
    return claim


def test_the_letter_is_in_the_members_format_unless_another_is_chosen(client_for, member,
                                                                      staff, paid,
                                                                      monkeypatch):
    MemberProfile.objects.create(user=member, formats=["easy_read"])
    # Staff getting the letter for the member are offered the member's format too.
    page = client_for(staff).get(reverse("payments:person_letter", args=[member.pk]))
    assert re.search(r'value="easy_read"\s*checked', page.content.decode())
    client = client_for(member)
    assert re.search(r'value="easy_read"\s*checked',
                     client.get(reverse("payments:letter")).content.decode())

    made = capture_html(monkeypatch)
    easy = client.post(reverse("payments:letter"), {**PERIOD, "document_format": "easy_read"})
    assert_easy_read_wording(made[-1])
    assert easy["Content-Type"] == "application/pdf"
    text = pdf_text(easy.content)
    assert "This letter is about money we paid you." in text
    assert "On 4 August 2025 we paid you £30.00." in text and "£30.00 in all" in text
    assert "Money for travel is not in this letter." in text and "£4.50" not in text
    assert_tagged(easy.content, "Money we paid you", figures=True)
    assert_type_size(easy.content, "easy_read")

    large = client.post(reverse("payments:letter"), {**PERIOD, "document_format": "large_print"})
    text = pdf_text(large.content)
    assert "04/08/2025" in text and "Total paid £30.00" in text
    assert_tagged(large.content, "Involvement payments")
    assert_type_size(large.content, "large_print")

    standard = client.post(reverse("payments:letter"), {**PERIOD, "document_format": "standard"})
    assert_tagged(standard.content, "Involvement payments")
    assert_type_size(standard.content, "standard")


@pytest.mark.parametrize("version, title, words", [
    ("standard", "How we pay you and cover your costs", "£16.00 per hour"),
    ("large_print", "How we pay you and cover your costs", "£0.45 a mile"),
    ("easy_read", "How we pay you: easy read", "We pay you £0.45 for each mile."),
])
def test_the_policy_prints_in_each_format(client, policy, version, title, words, monkeypatch):
    made = capture_html(monkeypatch)
    response = client.get(reverse("payments:policy_pdf") + f"?format={version}")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert words in text
    if version == "easy_read":
        assert "Talk to a benefits adviser first." in text
        assert_easy_read_wording(made[-1])
    else:
        assert "Talk to an independent benefits adviser" in text
    assert_tagged(response.content, title, figures=version == "easy_read")
    assert_type_size(response.content, version)


def test_the_policy_pages_link_each_format_the_readers_first(client, client_for, member,
                                                             policy):
    pdf = reverse("payments:policy_pdf")
    html = client.get(reverse("payments:policy")).content.decode()
    assert html.index(f"{pdf}?format=standard") < html.index(f"{pdf}?format=easy_read")
    MemberProfile.objects.create(user=member, formats=["large_print"])
    html = client_for(member).get(reverse("payments:policy")).content.decode()
    assert html.index(f"{pdf}?format=large_print") < html.index(f"{pdf}?format=standard")
    response = client_for(member).get(pdf)
    assert "how-we-pay-large-print.pdf" in response["Content-Disposition"]
