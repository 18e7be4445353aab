"""The public policy page, the benefits letter, the panels and the demo data."""

import io
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from coproduction.panels import panels_for
from payments.models import ActivityRate, BatchItem, Claim, PaymentBatch
from payments.services import claim_decide
from tests.payments.conftest import make_claim

pytestmark = pytest.mark.django_db


def test_policy_page_is_generated_from_the_configuration(client, policy):
    html = client.get(reverse("payments:policy")).content.decode()
    assert "£16.00 per hour" in html and "£0.45 a mile" in html
    assert "£60.00 per half day" in html and "up to £10.00" in html
    assert "HMRC trading allowance" in html and "£1,000.00" in html
    ActivityRate.objects.filter(activity_type=policy["meeting"]).update(amount=Decimal("17.25"))
    assert "£17.25 per hour" in client.get(reverse("payments:policy")).content.decode()
    easy = client.get(reverse("payments:policy_easy_read")).content.decode()
    assert "benefits adviser" in easy and "£0.45 a mile" in easy


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_benefits_letter_lists_payments_not_expenses(client_for, member, staff, policy):
    inside = make_claim(member, policy, when=date(2025, 6, 1), hours="2", miles="10")
    claim_decide(claim=inside, by=staff, decision=Claim.Status.APPROVED)
    make_claim(member, policy, when=date(2025, 6, 2), hours="5")  # not approved yet
    outside = make_claim(member, policy, when=date(2024, 6, 1), hours="3")
    claim_decide(claim=outside, by=staff, decision=Claim.Status.APPROVED)
    response = client_for(member).post(reverse("payments:letter"),
                                       {"start": "06/04/2025", "end": "05/04/2026"})
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Mo Member" in text and "6 April 2025" in text and "5 April 2026" in text
    assert "£30.00" in text  # 2 hours at £15
    assert "£4.50" not in text and "£75.00" not in text and "£45.00" not in text


def test_member_panels_show_claims_and_totals(member, policy):
    make_claim(member, policy, hours="1")
    [panel] = panels_for("member_profile", member)
    assert panel.context["totals"].payments == Decimal("16.00")
    [panel] = [p for p in panels_for("member", member) if p.template.startswith("payments/")]
    assert len(panel.context["claims"]) == 1


def test_demo_has_claims_in_every_status_and_a_paid_batch(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing doubles
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(Claim.Status.values)
    assert PaymentBatch.objects.filter(status=PaymentBatch.Status.PAID).exists()
    assert Claim.objects.exclude(made_by=F("person")).exists()  # one made by staff for them
    assert BatchItem.objects.count() == Claim.objects.filter(
        status__in=[Claim.Status.BATCHED, Claim.Status.PAID]).count()
    assert all(c.activity_date <= timezone.localdate() for c in Claim.objects.all())



def test_download_my_data_and_erasure(member, policy):
    from people.data_rights import data_sections, erasure_hooks

    sent = make_claim(member, policy, hours="1", notes="My carer came too")
    make_claim(member, policy, hours="1", submit=False)
    [section] = [s for s in data_sections() if s.name == "claims"]
    rows = section.collect(member)
    assert len(rows) == 2 and rows[0]["total"] == Decimal("16.00")
    for hook in erasure_hooks():
        if hook.__module__ == "payments.data_rights":
            hook(member)
    assert list(Claim.objects.filter(person=member)) == [sent]
    sent.refresh_from_db()
    assert sent.notes == ""
