"""Claiming through the pages: the form, receipts, every status change and who may make it."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from payments.calculation import ClaimValues
from payments.models import Claim, ClaimEvent, Receipt
from payments.services import claim_create, claim_decide, claim_submit
from people.models import Notification
from tests.payments.conftest import make_claim, png

Status = Claim.Status
pytestmark = pytest.mark.django_db


def test_nobody_else_claims_for_a_member(client_for, member, another_member, policy,
                                         involvement, finance_user):
    for user in (another_member, finance_user):
        response = client_for(user).get(reverse("payments:claim_new", args=[involvement.pk]))
        assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        claim_create(involvement=involvement, made_by=another_member,
                     values=ClaimValues(activity_type=policy["meeting"], hours=Decimal("1")))


# --- Status changes ---

def test_every_allowed_transition(member, staff, policy):
    claim = make_claim(member, policy, submit=False)
    assert claim.status == Status.DRAFT
    claim_submit(claim=claim, by=member)
    claim = claim_decide(claim=claim, by=staff, decision=Status.RETURNED, reason="Which bus?")
    assert claim.status == Status.RETURNED and claim.decision_reason == "Which bus?"
    claim_submit(claim=claim, by=member)
    claim = claim_decide(claim=claim, by=staff, decision=Status.APPROVED)
    assert claim.status == Status.APPROVED and claim.decided_by == staff
    other = make_claim(member, policy)
    other = claim_decide(claim=other, by=staff, decision=Status.REJECTED, reason="Cancelled")
    assert other.status == Status.REJECTED
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("to_status", flat=True)) == [
        Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SUBMITTED, Status.APPROVED]


@pytest.mark.parametrize("start,decision", [
    (Status.DRAFT, Status.APPROVED),
    (Status.APPROVED, Status.APPROVED),
    (Status.REJECTED, Status.APPROVED),
    (Status.APPROVED, Status.RETURNED),
    (Status.PAID, Status.REJECTED),
])
def test_refused_transitions(member, staff, policy, start, decision):
    claim = make_claim(member, policy)
    Claim.objects.filter(pk=claim.pk).update(status=start)
    with pytest.raises(ValidationError):
        claim_decide(claim=claim, by=staff, decision=decision, reason="x")
    claim.refresh_from_db()
    assert claim.status == start


def test_return_and_reject_need_a_reason(member, staff, policy):
    claim = make_claim(member, policy)
    with pytest.raises(ValidationError):
        claim_decide(claim=claim, by=staff, decision=Status.RETURNED, reason="  ")


# --- Separation of duties ---

def test_staff_cannot_approve_their_own_claim(client_for, staff, policy):
    claim = make_claim(staff, policy)
    with pytest.raises(PermissionDenied):
        claim_decide(claim=claim, by=staff, decision=Status.APPROVED)
    response = client_for(staff).post(reverse("payments:claim_review", args=[claim.pk]),
                                      {"decision": "approved"})
    assert response.status_code == 403
    html = client_for(staff).get(reverse("payments:claim_review", args=[claim.pk])).content.decode()
    assert "This claim pays you, so you cannot decide it" in html
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_staff_cannot_approve_a_claim_they_made_for_someone(client_for, member, staff,
                                                            second_staff, policy):
    claim = make_claim(member, policy, by=staff)
    with pytest.raises(PermissionDenied):
        claim_decide(claim=claim, by=staff, decision=Status.APPROVED)
    # Not a bare refusal: the claim, why they cannot decide it, and who can.
    response = client_for(staff).get(reverse("payments:claim_review", args=[claim.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You made this claim for them, so you cannot decide it" in html
    assert "Stan Staff" in html and claim.activity_title in html and "£32.00" in html
    assert 'name="decision"' not in html
    detail = client_for(staff).get(reverse("payments:claim_detail", args=[claim.pk]))
    assert "You made this claim for them" in detail.content.decode()
    assert "Decide on this claim" not in detail.content.decode()
    assert "cannot decide" not in client_for(second_staff).get(
        reverse("payments:claim_detail", args=[claim.pk])).content.decode()
    # Another member of staff may.
    response = client_for(second_staff).post(reverse("payments:claim_review", args=[claim.pk]),
                                             {"decision": "approved"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (Status.APPROVED, second_staff)
    assert Notification.objects.filter(person=member,
                                       dedupe_key=f"claim:{claim.pk}:approved").exists()


def test_members_and_finance_cannot_decide(member, another_member, finance_user, policy):
    claim = make_claim(member, policy)
    for user in (member, another_member, finance_user):
        with pytest.raises(PermissionDenied):
            claim_decide(claim=claim, by=user, decision=Status.APPROVED)


# --- Receipts ---

@pytest.mark.parametrize("upload,message", [
    (SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 a program", "application/pdf"),
     "must be a PDF, JPEG or PNG"),
    (SimpleUploadedFile("receipt.png", b"", "image/png"), "empty"),
    (SimpleUploadedFile("receipt.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024), "application/pdf"),
     "smaller than 10MB"),
])
def test_bad_receipts_are_refused(client_for, member, policy, upload, message):
    claim = make_claim(member, policy, submit=False)
    response = client_for(member).post(reverse("payments:receipt_add", args=[claim.pk]),
                                       {"receipt": upload})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Receipt.objects.exists()


def test_receipt_is_stored_outside_the_web_root_and_served_only_to_those_allowed(
        client_for, member, another_member, staff, finance_user, admin_user, policy,
        media_root):
    claim = make_claim(member, policy, submit=False)
    client_for(member).post(reverse("payments:receipt_add", args=[claim.pk]),
                            {"receipt": png("my bus ticket.png")})
    receipt = Receipt.objects.get()
    path = Path(receipt.file.path)
    assert path.is_relative_to(media_root) and "bus" not in path.name
    url = reverse("payments:receipt", args=[receipt.pk])
    for user in (member, staff, finance_user):
        response = client_for(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    for user in (another_member, admin_user):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_the_claim_title_names_the_activity_once(db):
    from django.utils import timezone

    from payments.services import _activity_title
    from people.models import Involvement

    meeting = Involvement(activity_title="Carers group", title="Carers group: Meeting 2 on 1 May",
                          starts_at=timezone.now())
    panel = Involvement(activity_title="Home care panel", title="Interview day",
                        starts_at=timezone.now())
    assert _activity_title(meeting) == "Carers group: Meeting 2 on 1 May"
    assert _activity_title(panel) == "Home care panel: Interview day"


# --- Django admin ---

def test_claims_are_read_only_in_django_admin(client_for, admin_user, member, policy):
    from payments.models import ClaimLine

    claim = make_claim(member, policy, miles="10")
    admin_user.is_finance_officer = True  # claims show in Django admin only to finance
    admin_user.save(update_fields=["is_finance_officer"])
    client = client_for(admin_user)
    change = reverse("admin:payments_claim_change", args=[claim.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, {"status": "paid", "activity_title": "Changed"}).status_code == 403
    assert client.get(reverse("admin:payments_claim_add")).status_code == 403
    assert client.post(reverse("admin:payments_claim_delete", args=[claim.pk]),
                       {"post": "yes"}).status_code == 403
    claim.refresh_from_db()
    assert (claim.status, claim.activity_title) == (Status.SUBMITTED, "Carers strategy group: "
                                                    + claim.involvement.title)
    assert ClaimLine.objects.filter(claim=claim).count() == 2
