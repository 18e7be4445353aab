"""The payments room's URLs. build(world) makes the policy, an involvement for the member, a
claim in each state the pages need, a receipt and a batch."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from payments.calculation import ClaimValues, ExpenseEntry
from payments.demo import seed_policy, tiny_png
from payments.models import (
    ActivityType,
    Claim,
    ExpenseType,
    PayeeDetails,
    PaymentBatch,
)
from payments.services import (
    batch_create,
    claim_create,
    claim_decide,
    payee_set,
)
from people.models import Involvement
from people.services import involvement_record
from tests.site_rules.rules import (
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
)


def _involvement(person, number):
    return involvement_record(
        person=person, kind=Involvement.Kind.PROJECT_SESSION, activity_key="site-rules:1",
        activity_title="Carers strategy group", title=f"Meeting {number}", hours=Decimal("2"),
        starts_at=timezone.now() - timedelta(days=number), source=f"site-rules:{number}")


def build(world):
    seed_policy()
    people = world.people
    meeting = ActivityType.objects.get(name="Meeting")
    mileage = ExpenseType.objects.get(name="Mileage")
    bus = ExpenseType.objects.get(name="Bus or train fares")
    values = ClaimValues(activity_type=meeting, hours=Decimal("2"),
                         expenses=[ExpenseEntry(expense_type=mileage, miles=Decimal("10"))])
    # The member's claim: submitted, waiting for staff, with a receipt.
    receipted = ClaimValues(activity_type=meeting, hours=Decimal("2"),
                            expenses=[ExpenseEntry(expense_type=bus, amount=Decimal("4.80"))])
    world.claim = claim_create(
        involvement=_involvement(people.member, 1), made_by=people.member, values=receipted,
        receipts=[SimpleUploadedFile("ticket.png", tiny_png(), "image/png")], submit=True)
    world.receipt = world.claim.receipts.get()
    # A draft the member can still change, and something not yet claimed for.
    world.draft = claim_create(
        involvement=_involvement(people.member, 2), made_by=people.member,
        values=ClaimValues(activity_type=meeting, hours=Decimal("2"), expenses=[
            ExpenseEntry(expense_type=mileage, miles=Decimal("10")),
            ExpenseEntry(expense_type=bus, amount=Decimal("3.20"))]))
    world.involvement = _involvement(people.member, 3)
    # An approved claim (for Our Voice) in a batch, and one approved waiting to be paid.
    batched = claim_create(involvement=_involvement(people.our_voice, 4),
                           made_by=people.our_voice, values=values, submit=True)
    claim_decide(claim=batched, by=people.staff, decision=Claim.Status.APPROVED)
    payee_set(person=people.our_voice, by=people.finance, reference="NCC-1001")
    world.batch = batch_create(by=people.finance)
    waiting = claim_create(involvement=_involvement(people.our_voice, 5),
                           made_by=people.our_voice, values=values, submit=True)
    claim_decide(claim=waiting, by=people.staff, decision=Claim.Status.APPROVED)


def _claim(w):
    return {"pk": w.claim.pk}


def _draft(w):
    return {"pk": w.draft.pk}


def _batch(w):
    return {"pk": w.batch.pk}


# The claim's owner, staff and finance see a claim; other members get 404 (not 403: we do not
# say that it exists).
CLAIM_VIEWERS = Rule(LOGIN, OK, NOT_FOUND, OK, OK, NOT_FOUND, kwargs=_claim)

RULES = {
    "payments:policy": everyone(),
    "payments:policy_easy_read": everyone(),
    # The policy to print, in the reader's format (?format= picks another).
    "payments:policy_pdf": everyone(),
    "payments:claim_list": signed_in(),
    # Claiming for something: its person, or staff for them.
    "payments:claim_new": Rule(LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND,
                               kwargs=lambda w: {"involvement_pk": w.involvement.pk}),
    "payments:claim_detail": CLAIM_VIEWERS,
    "payments:receipt": Rule(LOGIN, OK, NOT_FOUND, OK, OK, NOT_FOUND,
                             kwargs=lambda w: {"pk": w.receipt.pk}),
    # Only the claimant (or whoever made it for them) changes a draft: checking it and sending
    # it (claim_edit), and each of its steps.
    "payments:claim_edit": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                kwargs=_draft),
    "payments:claim_step": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                kwargs=lambda w: {"pk": w.draft.pk, "step": "cost-details"}),
    # The amounts worked out with what is typed on a step (JSON, for the step's script).
    "payments:claim_so_far": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                  kwargs=_draft, query="step=time&hours=3"),
    # POST only: a GET is refused before anything else.
    "payments:receipt_add": everyone(NOT_ALLOWED, kwargs=_draft),
    "payments:letter": signed_in(),
    # A member's claims and letter, for staff and finance acting for them (the member's own
    # claims page is the one they know); never for another member.
    "payments:person_claims": Rule(LOGIN, REDIRECT, NOT_FOUND, OK, OK, NOT_FOUND,
                                   kwargs=lambda w: {"person_pk": w.people.member.pk}),
    "payments:person_letter": Rule(LOGIN, OK, NOT_FOUND, OK, OK, NOT_FOUND,
                                   kwargs=lambda w: {"person_pk": w.people.member.pk}),
    "payments:approvals": only("staff"),
    "payments:claim_review": only("staff", kwargs=_claim),
    "payments:on_behalf": only("staff"),
    "payments:on_behalf_person": only("staff", kwargs=lambda w: {"person_pk": w.people.member.pk}),
    "payments:finance_claims": only("finance"),
    "payments:batch_list": only("finance"),
    "payments:batch_detail": only("finance", kwargs=_batch),
    "payments:batch_csv": only("finance", kwargs=_batch),
    "payments:batch_paid": everyone(NOT_ALLOWED, kwargs=_batch),
    "payments:payee_list": only("finance"),
    "payments:payee_edit": only("finance", kwargs=lambda w: {"person_pk": w.people.member.pk}),
    "payments:policy_admin": only("admin"),
}

FORM_CHECKS = [
    # The first step of a claim: nothing chosen, nothing saved.
    FormCheck(url="payments:claim_new", role="member",
              kwargs=lambda w: {"involvement_pk": w.involvement.pk},
              data={"activity_type": ""}, unchanged=(Claim,), kept=(),
              errors=("Select what you did",)),
    # A step of a draft: hours that are not a number.
    FormCheck(url="payments:claim_step", role="member",
              kwargs=lambda w: {"pk": w.draft.pk, "step": "time"},
              data={"hours": "two"}, kept=("two",),
              errors=("Enter the number of hours as a number, for example 2.5",)),
    # The costs' step: miles that are not a number, a fare with no amount.
    FormCheck(url="payments:claim_step", role="member",
              kwargs=lambda w: {"pk": w.draft.pk, "step": "cost-details"},
              data={"expense_1_miles": "lots", "expense_2_amount": "",
                    "expense_2_details": "Bus from Carrow"},
              kept=("lots", "Bus from Carrow"),
              errors=("Enter the number of miles you drove as a number, for example 12",
                      "Enter how much you paid, for example 4.50")),
    # Staff getting a member's benefits letter: a date that does not exist.
    FormCheck(url="payments:person_letter", role="staff",
              kwargs=lambda w: {"person_pk": w.people.member.pk},
              data={"start_0": "31", "start_1": "2", "start_2": "2026", "end_0": ""},
              kept=("31", "2026")),
    FormCheck(url="payments:claim_review", role="staff", kwargs=_claim,
              data={"decision": "returned", "reason": ""}, kept=(),
              errors=("Say why, so the person knows what to do next",)),
    FormCheck(url="payments:letter", role="member",
              data={"start_0": "31", "start_1": "2", "start_2": "2026", "end_0": ""},
              kept=("31", "2026")),
    FormCheck(url="payments:payee_edit", role="finance",
              kwargs=lambda w: {"person_pk": w.people.member.pk},
              data={"reference": "NCC 1001!"}, unchanged=(PayeeDetails,)),
    FormCheck(url="payments:finance_claims", role="finance", data={"chosen": "1"}, kept=(),
              unchanged=(PaymentBatch,), errors=("Select at least one claim",)),
]
