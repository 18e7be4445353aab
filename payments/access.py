"""One access helper per object type, the one convention in every room: `<entity>_for_user(user,
pk)` fetches the object with what its pages need, checks the room's rule, and answers 404
(never saying whether something exists that the person may not see). Every view calls these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from payments import rules
from payments.models import Claim, PaymentBatch, Receipt
from people.models import Involvement, User


def claim_for_user(user, pk, *, rule=rules.can_view_claim) -> Claim:
    claim = get_object_or_404(Claim.objects.select_related(
        "person", "made_by", "decided_by", "voucher_option", "involvement"), pk=pk)
    if not rule(user, claim):
        raise Http404
    return claim


def involvement_for_user(user, pk) -> Involvement:
    involvement = get_object_or_404(Involvement.objects.select_related("person"), pk=pk)
    if not rules.can_claim_for(user, involvement.person):
        raise Http404
    return involvement


def person_for_user(user, pk) -> User:
    person = get_object_or_404(User, pk=pk)
    if not rules.can_see_payments_of(user, person):
        raise Http404
    return person


def receipt_for_user(user, pk) -> Receipt:
    receipt = get_object_or_404(Receipt.objects.select_related("claim"), pk=pk)
    if not rules.can_view_receipt(user, receipt):
        raise Http404
    return receipt


def batch_for_user(user, pk) -> PaymentBatch:
    batch = PaymentBatch.objects.select_related("created_by", "paid_by").filter(pk=pk).first()
    if batch is None or not rules.can_run_batches(user):
        raise Http404
    return batch
