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
from people.models import User
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


def _paid(claims, *, on, by):
    from payments.services import batch_create, batch_mark_paid, payee_set

    for claim in claims:
        payee_set(person=claim.person, by=by, reference=f"NCC-{claim.person.pk}")
    batch = batch_create(by=by, claim_ids=[c.pk for c in claims])
    batch_mark_paid(batch=batch, by=by)
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        paid_at=timezone.make_aware(timezone.datetime(on.year, on.month, on.day, 12)))


def test_benefits_letter_lists_payments_by_the_date_paid(client_for, member, staff, policy,
                                                         finance_user):
    # Activity in June, paid in August; activity in May, paid later, in September.
    june = make_claim(member, policy, when=date(2025, 6, 1), hours="2", miles="10")
    may = make_claim(member, policy, when=date(2025, 5, 1), hours="1")
    for claim in (june, may):
        claim_decide(claim=claim, by=staff, decision=Claim.Status.APPROVED)
    _paid([june], on=date(2025, 8, 4), by=finance_user)
    _paid([may], on=date(2025, 9, 15), by=finance_user)
    # Approved, not paid yet; sent, not approved; paid before the period.
    waiting = make_claim(member, policy, when=date(2025, 10, 1), hours="4")
    claim_decide(claim=waiting, by=staff, decision=Claim.Status.APPROVED)
    make_claim(member, policy, when=date(2025, 6, 2), hours="5")
    before = make_claim(member, policy, when=date(2025, 3, 1), hours="3")
    claim_decide(claim=before, by=staff, decision=Claim.Status.APPROVED)
    _paid([before], on=date(2025, 3, 20), by=finance_user)
    response = client_for(member).post(reverse("payments:letter"),
                                       {"start": "06/04/2025", "end": "05/04/2026",
                                        "document_format": "standard"})
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Mo Member" in text and "6 April 2025" in text and "5 April 2026" in text
    # In the order paid (4 August, then 15 September), not the order of the activities.
    assert text.index("04/08/2025") < text.index("15/09/2025")
    assert text.index("£30.00") < text.index("£15.00")  # June's 2 hours, then May's 1
    assert "£45.00" in text  # the total paid
    assert "Approved, not paid yet" in text and "£60.00" in text  # October's 4 hours
    assert "£4.50" not in text  # costs are not income
    assert "£75.00" not in text  # not approved
    assert "20/03/2025" not in text  # paid before the period


def test_member_panels_show_claims_and_totals(member, policy):
    make_claim(member, policy, hours="1")
    [panel] = [p for p in panels_for("member_profile", member)
               if p.template.startswith("payments/")]
    assert panel.context["totals"].payments == Decimal("16.00")
    assert panel.context["person"] == member
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


def test_a_members_profile_links_act_for_that_member(client_for, member, staff, policy):
    from people.services import consent_give, profile_get_or_create

    profile_get_or_create(person=member)
    consent_give(person=member)  # in the people bank
    make_claim(member, policy, hours="1")
    own = client_for(member).get(reverse("people:profile")).content.decode()
    assert f'href="{reverse("payments:claim_list")}"' in own
    assert f'href="{reverse("payments:letter")}"' in own
    seen_by_staff = client_for(staff).get(
        reverse("people:bank_person", args=[member.pk])).content.decode()
    claims = reverse("payments:person_claims", args=[member.pk])
    letter = reverse("payments:person_letter", args=[member.pk])
    assert f'href="{claims}"' in seen_by_staff and f'href="{letter}"' in seen_by_staff
    assert f'href="{reverse("payments:claim_list")}"' not in seen_by_staff
    assert f'href="{reverse("payments:letter")}"' not in seen_by_staff


def test_staff_and_finance_see_a_members_claims_and_get_their_letter(
        client_for, member, another_member, staff, finance_user, admin_user, policy):
    claim = make_claim(member, policy, hours="1")
    claim_decide(claim=claim, by=staff, decision=Claim.Status.APPROVED)
    make_claim(staff, policy, hours="3")  # the member of staff's own claim is not listed
    claims = reverse("payments:person_claims", args=[member.pk])
    letter = reverse("payments:person_letter", args=[member.pk])
    for user in (staff, finance_user):
        html = client_for(user).get(claims).content.decode()
        assert "Claims for Mo Member" in html and claim.activity_title in html
        assert "£48.00" not in html
        response = client_for(user).post(letter, {"start": "01/01/2020", "end": "31/12/2030",
                                                  "document_format": "standard"})
        text = _pdf_text(response.content)
        assert "Mo Member" in text and "Sita Staff" not in text and "£16.00" in text
    # Another member, and the admin role, may not; the member gets their own page.
    for user in (another_member, admin_user):
        assert client_for(user).get(claims).status_code == 404
        assert client_for(user).get(letter).status_code == 404
        assert client_for(user).post(letter, {"start": "01/01/2020",
                                              "end": "31/12/2030"}).status_code == 404
    assert client_for(member).get(claims).url == reverse("payments:claim_list")


def test_every_demo_claim_waiting_can_be_decided_by_a_demo_staff_account(db):
    from payments import rules
    from people.demo import DEMO_ACCOUNTS

    call_command("seed_demo", stdout=io.StringIO())
    staff = [User.objects.get(email=email) for role, email, _ in DEMO_ACCOUNTS
             if role == "staff"]
    assert len(staff) >= 2 and all(person.has_usable_password() for person in staff)
    waiting = Claim.objects.filter(status=Claim.Status.SUBMITTED)
    assert waiting.exists()
    for claim in waiting:
        assert any(rules.can_decide_claim(person, claim) for person in staff), claim
    # The demo's own staff account made a claim for someone: another one decides it.
    assert waiting.filter(made_by=staff[0]).exists() or Claim.objects.filter(
        made_by=staff[0]).exclude(person=staff[0]).exclude(decided_by=None).exists()
