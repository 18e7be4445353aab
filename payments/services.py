"""Writes for the payments room: working out a claim from the policy, the claim's life
(draft → submitted → approved / returned / rejected → batched → paid), receipts, payee
references and payment batches."""

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from coproduction.documents import csv_bytes
from coproduction.states import Moves
from coproduction.uploads import check_upload
from messaging.kinds import Kind
from payments import rules, steps
from payments.calculation import (
    ClaimValues,
    answers_from_values,
    lines_total,
    missing_receipts,
    pounds,
    values_from_answers,
    work_out_lines,
)
from payments.models import (
    BatchItem,
    Claim,
    ClaimEvent,
    ClaimLine,
    PayeeDetails,
    PaymentBatch,
    Receipt,
)
from people.models import StaffAccess
from people.services import acted_for_record, audit_record, notify_person

Status = Claim.Status
Choice = Claim.PaymentChoice
Category = ClaimLine.Category

# Every move a claim may make. Anything else is refused.
MOVES = Moves("claim", {
    Status.DRAFT: [Status.SUBMITTED],
    Status.RETURNED: [Status.SUBMITTED],
    Status.SUBMITTED: [Status.APPROVED, Status.RETURNED, Status.REJECTED],
    Status.APPROVED: [Status.BATCHED],
    Status.BATCHED: [Status.PAID],
})


# --- A claim's life ---

def _move(claim, to, *, by, reason="") -> ClaimEvent:
    MOVES.check(Status(claim.status), Status(to))
    event = ClaimEvent.objects.create(claim=claim, from_status=claim.status, to_status=to,
                                      by=by, reason=reason)
    claim.status = to
    return event


def _tell(claim, what, subject, body, *, key=None):
    notify_person(person=claim.person, subject=subject, body=body,
                  url=reverse("payments:claim_detail", kwargs={"pk": claim.pk}),
                  dedupe_key=key or f"claim:{claim.pk}:{what}", kind=Kind.CLAIM)


def _rework(claim, *, strict: bool) -> list[ClaimLine]:
    """Saves the claim with its lines worked out again from its answers. An unfinished draft
    (strict=False) keeps no lines until its answers make a claim."""
    values = values_from_answers(claim.answers)
    try:
        lines = work_out_lines(values, on=claim.activity_date)
    except ValidationError:
        if strict:
            raise
        lines = []
    claim.payment_choice = values.payment_choice
    claim.voucher_option = values.voucher_option if values.payment_choice == Choice.VOUCHERS \
        else None
    claim.charity_name = values.charity_name.strip() if values.payment_choice == Choice.CHARITY \
        else ""
    claim.notes = values.notes
    claim.full_clean(exclude=["involvement"])
    claim.save()
    claim.lines.all().delete()
    for line in lines:
        line.claim = claim
        line.full_clean()
    ClaimLine.objects.bulk_create(lines)
    return lines


def _write(claim, values: ClaimValues, receipts, *, by):
    claim.answers = {**answers_from_values(values), "done": steps.ALL_DONE}
    lines = _rework(claim, strict=True)
    for uploaded in receipts:
        receipt_add(claim=claim, by=by, uploaded=uploaded)
    return lines


def _activity_title(involvement) -> str:
    """What the claim is for, in words: the involvement's own title, which usually names the
    project or event already ("Carers group: Meeting 2 on 1 May")."""
    title = involvement.title
    if involvement.activity_title not in title:
        title = f"{involvement.activity_title}: {title}"
    return title[:200]


@transaction.atomic
def claim_create(*, involvement, made_by, values: ClaimValues, receipts=(),
                 submit=False) -> Claim:
    """A claim for something `involvement.person` took part in, made by them or by staff for
    them (recorded as made_by)."""
    person = involvement.person
    if not rules.can_claim_for(made_by, person):
        raise PermissionDenied
    claim = Claim(person=person, made_by=made_by, involvement=involvement,
                  activity_title=_activity_title(involvement),
                  activity_date=timezone.localdate(involvement.starts_at))
    lines = _write(claim, values, receipts, by=made_by)
    ClaimEvent.objects.create(claim=claim, to_status=Status.DRAFT, by=made_by)
    acted_for_record(actor=made_by, person=person,
                     what=f"Started a claim for {claim.activity_title}")
    if submit:
        _submit(claim, by=made_by, lines=lines)
    return claim


@transaction.atomic
def claim_start(*, involvement, made_by, answers: dict) -> Claim:
    """A draft claim from the first step of the claim's steps (payments.steps): what it is
    for, and the answers so far. Its lines are worked out as soon as the answers make a
    claim."""
    person = involvement.person
    if not rules.can_claim_for(made_by, person):
        raise PermissionDenied
    if Claim.objects.filter(involvement=involvement).exclude(status=Status.REJECTED).exists():
        raise ValidationError("There is already a claim for this.")
    claim = Claim(person=person, made_by=made_by, involvement=involvement,
                  activity_title=_activity_title(involvement),
                  activity_date=timezone.localdate(involvement.starts_at), answers=answers)
    _rework(claim, strict=False)
    ClaimEvent.objects.create(claim=claim, to_status=Status.DRAFT, by=made_by)
    acted_for_record(actor=made_by, person=person,
                     what=f"Started a claim for {claim.activity_title}")
    return claim


@transaction.atomic
def claim_answer(*, claim, by, answers: dict, uploaded=None) -> Claim:
    """One step's answers (and a receipt chosen on it) kept on a draft or returned claim."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if not rules.can_edit_claim(by, claim):
        raise PermissionDenied
    claim.answers = {**claim.answers, **answers}
    _rework(claim, strict=False)
    if uploaded:
        receipt_add(claim=claim, by=by, uploaded=uploaded)
    return claim


@transaction.atomic
def claim_submit(*, claim, by) -> Claim:
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if not rules.can_edit_claim(by, claim):
        raise PermissionDenied
    # The lines are worked out again from the answers: what is sent is what they say.
    lines = _rework(claim, strict=True) if claim.answers else list(
        claim.lines.select_related("expense_type"))
    _submit(claim, by=by, lines=lines)
    return claim


def _submit(claim, *, by, lines):
    missing = missing_receipts(lines, receipt_count=claim.receipts.count())
    if missing:
        raise ValidationError(f"Add a receipt for: {', '.join(missing)}")
    event = _move(claim, Status.SUBMITTED, by=by)
    claim.submitted_at = event.at
    claim.decision_reason = ""
    claim.save(update_fields=["status", "submitted_at", "decision_reason"])
    acted_for_record(actor=by, person=claim.person,
                     what=f"Sent their claim for {claim.activity_title} for approval")
    _tell(claim, "submitted", "We have your claim",
          f"We have your claim for {claim.activity_title}. We will check it and tell you "
          "when it is approved.", key=f"claim:{claim.pk}:submitted:{event.pk}")


DECISION_AUDIT = {Status.APPROVED: StaffAccess.Action.CLAIM_APPROVED,
                  Status.RETURNED: StaffAccess.Action.CLAIM_RETURNED,
                  Status.REJECTED: StaffAccess.Action.CLAIM_REJECTED}


@transaction.atomic
def claim_decide(*, claim, by, decision: str, reason: str = "") -> Claim:
    """Approve, return (with a reason; the claimant fixes it and sends it again) or reject
    (with a reason). Never by the claimant or whoever made the claim for them."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if not rules.can_decide_claim(by, claim):
        raise PermissionDenied("You cannot decide a claim you made or that pays you.")
    if decision != Status.APPROVED and not reason.strip():
        raise ValidationError({"reason": "Say why, so the person knows what to do next"})
    event = _move(claim, decision, by=by, reason=reason.strip())
    claim.decided_by, claim.decided_at = by, event.at
    claim.decision_reason = reason.strip()
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(actor=by, action=DECISION_AUDIT[decision], subject=claim.person, obj=claim)
    if decision == Status.APPROVED:
        _tell(claim, "approved", "Your claim is approved",
              f"Your claim for {claim.activity_title} is approved. We will tell you when it "
              "is paid.")
    elif decision == Status.RETURNED:
        _tell(claim, "returned", "Please check your claim",
              f"We need you to change your claim for {claim.activity_title}: "
              f"{claim.decision_reason}",
              key=f"claim:{claim.pk}:returned:{event.pk}")
    else:
        _tell(claim, "rejected", "Your claim was not approved",
              f"We could not approve your claim for {claim.activity_title}: "
              f"{claim.decision_reason}")
    return claim


def receipt_add(*, claim, by, uploaded) -> Receipt:
    if not rules.can_edit_claim(by, claim):
        raise PermissionDenied
    kind = check_upload(uploaded)
    receipt = Receipt(claim=claim, kind=kind, token=secrets.token_hex(16),
                      original_name=(uploaded.name or "receipt")[-200:], uploaded_by=by)
    receipt.file.save("receipt", uploaded, save=False)
    receipt.save()
    return receipt


# --- Finance ---

@transaction.atomic
def payee_set(*, person, by, reference: str) -> PayeeDetails:
    if not rules.can_run_batches(by):
        raise PermissionDenied
    details = PayeeDetails.objects.filter(person=person).first() or PayeeDetails(person=person)
    details.reference, details.set_by, details.set_at = reference.strip(), by, timezone.now()
    details.full_clean()
    details.save()
    return details


CSV_HEADER = ["Batch", "Line", "Payee reference", "Payee name", "Claims",
              "Involvement payments", "Expenses", "Amount to pay", "Voucher kind",
              "Vouchers", "Voucher value", "Charity", "Charity amount"]


@transaction.atomic
def batch_create(*, by, claim_ids=None) -> PaymentBatch:
    """A payment batch from all approved claims not yet in one (or those of `claim_ids`).

    The batch row is written first: on SQLite that takes the database's write lock, so a
    second export waits for this one; on PostgreSQL the claims are locked with SELECT ... FOR
    UPDATE and a waiting export finds them already batched. BatchItem.claim is unique, so the
    database refuses a second batch for a claim whatever happens."""
    if not rules.can_run_batches(by):
        raise PermissionDenied
    batch = PaymentBatch.objects.create(created_by=by, csv=b"")
    claims = Claim.objects.select_for_update(of=("self",)).filter(status=Status.APPROVED)
    if claim_ids is not None:
        claims = claims.filter(pk__in=claim_ids)
    claims = list(claims.select_related("person").order_by("pk"))
    if not claims:
        raise ValidationError("There are no approved claims waiting to be paid.")
    references = dict(PayeeDetails.objects.filter(person__in={c.person_id for c in claims})
                      .values_list("person_id", "reference"))
    without = sorted({str(c.person) for c in claims
                      if c.person_id not in references})
    if without:
        raise ValidationError("Give these people a payee reference first: "
                              + ", ".join(without))
    BatchItem.objects.bulk_create([BatchItem(batch=batch, claim=claim) for claim in claims])
    now = timezone.now()
    ClaimEvent.objects.bulk_create([
        ClaimEvent(claim=claim, from_status=Status.APPROVED, to_status=Status.BATCHED, by=by,
                   at=now, reason=f"Payment batch {batch.pk}") for claim in claims])
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=Status.BATCHED)
    batch.claim_count = len(claims)
    batch.total = lines_total(ClaimLine.objects.filter(claim__batch_item__batch=batch))
    batch.csv = batch_csv_bytes(batch)
    batch.save(update_fields=["claim_count", "total", "csv"])
    audit_record(actor=by, action=StaffAccess.Action.BATCH_MADE, obj=batch,
                 count=batch.claim_count)
    return batch


def batch_download(*, batch, by) -> bytes:
    """The batch's file for the bank (it names each payee), recorded as an export."""
    if not rules.can_run_batches(by):
        raise PermissionDenied
    audit_record(actor=by, action=StaffAccess.Action.EXPORTED, obj=batch,
                 count=batch.claim_count)
    return bytes(batch.csv)


def batch_csv_bytes(batch, *, forget=frozenset()) -> bytes:
    """One row per payee (payments and expenses), then a row per payee for each kind of
    voucher and each charity, then the totals. Sorted, so the same batch makes the same file.
    `forget`: ids of people whose account is being deleted, named by payee reference only."""
    rows_by_payee = (
        ClaimLine.objects.filter(claim__batch_item__batch=batch)
        .values("claim__person__payee__reference", "claim__person", "claim__person__name",
                "claim__person__email", "category", "claim__voucher_option__name",
                "claim__charity_name")
        .annotate(amount=Sum("amount"), quantity=Sum("quantity"),
                  claims=Count("claim", distinct=True))
        .order_by("claim__person__payee__reference", "category",
                  "claim__voucher_option__name", "claim__charity_name")
    )
    payees, extra = {}, []
    claims_per_payee = dict(
        Claim.objects.filter(batch_item__batch=batch).values("person__payee__reference")
        .annotate(n=Count("pk")).values_list("person__payee__reference", "n"))
    for row in rows_by_payee:
        reference = row["claim__person__payee__reference"]
        name = ("" if row["claim__person"] in forget
                else row["claim__person__name"] or row["claim__person__email"])
        payee = payees.setdefault(reference, {"name": name, "payments": Decimal("0"),
                                              "expenses": Decimal("0")})
        if row["category"] == Category.PAYMENT:
            payee["payments"] += row["amount"]
        elif row["category"] == Category.EXPENSE:
            payee["expenses"] += row["amount"]
        elif row["category"] == Category.VOUCHER:
            extra.append([batch.pk, "Vouchers", reference, name, "", "", "", "",
                          row["claim__voucher_option__name"], int(row["quantity"]),
                          pounds(row["amount"]), "", ""])
        else:
            extra.append([batch.pk, "Charity", reference, name, "", "", "", "", "", "", "",
                          row["claim__charity_name"], pounds(row["amount"])])
    rows = []
    for reference, payee in sorted(payees.items()):
        money_total = payee["payments"] + payee["expenses"]
        if money_total:
            rows.append([batch.pk, "Payment", reference, payee["name"],
                         claims_per_payee.get(reference, 0), pounds(payee["payments"]),
                         pounds(payee["expenses"]), pounds(money_total), "", "", "", "", ""])
    rows += extra
    payments = sum((p["payments"] for p in payees.values()), Decimal("0"))
    expenses = sum((p["expenses"] for p in payees.values()), Decimal("0"))
    rows.append([batch.pk, "Total", "", "", batch.claim_count, pounds(payments),
                 pounds(expenses), pounds(payments + expenses), "", "", "", "", ""])
    return csv_bytes(CSV_HEADER, rows)


@transaction.atomic
def batch_mark_paid(*, batch, by) -> PaymentBatch:
    """Marks the batch and its claims paid and tells each claimant. Safe to repeat."""
    if not rules.can_run_batches(by):
        raise PermissionDenied
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PaymentBatch.Status.PAID:
        return batch
    now = timezone.now()
    batch.status, batch.paid_by, batch.paid_at = PaymentBatch.Status.PAID, by, now
    batch.save(update_fields=["status", "paid_by", "paid_at"])
    audit_record(actor=by, action=StaffAccess.Action.BATCH_PAID, obj=batch,
                 count=batch.claim_count)
    claims = list(Claim.objects.select_for_update().filter(batch_item__batch=batch,
                                                           status=Status.BATCHED)
                  .select_related("person"))
    ClaimEvent.objects.bulk_create([
        ClaimEvent(claim=claim, from_status=Status.BATCHED, to_status=Status.PAID, by=by, at=now)
        for claim in claims])
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=Status.PAID, paid_at=now)
    for claim in claims:
        _tell(claim, "paid", "Your claim has been paid",
              f"We have paid your claim for {claim.activity_title}. It can take a few days "
              "to reach you.")
    return batch
