"""The payments room's part of a member's data rights (people.data_rights)."""

from coproduction.money import Money, format_pounds
from coproduction.uploads import delete_stored_files
from payments.calculation import total
from payments.models import Claim, PayeeDetails, PaymentBatch, Receipt


def claims_for_download(person) -> list[dict]:
    """Every claim, one dict each, with what was claimed (for "download my data")."""
    claims = Claim.objects.filter(person=person).prefetch_related("lines").order_by(
        "activity_date", "pk")
    return [{
        "activity": claim.activity_title,
        "date": claim.activity_date,
        "status": claim.get_status_display(),
        "how paid for time": claim.get_payment_choice_display(),
        "charity": claim.charity_name,
        "notes": claim.notes,
        "lines": "; ".join(f"{line.description}: {format_pounds(line.amount)}"
                           for line in claim.lines.all()),
        "total": Money(total(claim.lines.all())),
        "paid on": claim.paid_at.date() if claim.paid_at else "",
    } for claim in claims]


def payee_for_download(person) -> list[dict]:
    """The reference finance pay the person under, if they have one."""
    return [{"payee reference": payee.reference, "set on": payee.set_at.date()}
            for payee in PayeeDetails.objects.filter(person=person)]


def erase_for_person(person) -> None:
    """When an account is deleted: drafts (never sent, so no record the council must keep) and
    their receipts go; sent claims stay for the finance retention period, without the
    claimant's free-text notes."""
    drafts = Claim.objects.filter(person=person, status=Claim.Status.DRAFT)
    receipts = list(Receipt.objects.filter(claim__in=drafts).values_list("file", flat=True))
    drafts.delete()
    delete_stored_files(receipts)
    # The notes are also among the answers typed in the claim's steps.
    for claim in Claim.objects.filter(person=person).exclude(answers={}):
        claim.answers = {**claim.answers, "notes": ""}
        claim.save(update_fields=["answers"])
    Claim.objects.filter(person=person).update(notes="")
    # A kept receipt's name was the file's name on their device, which may name them.
    Receipt.objects.filter(claim__person=person).update(original_name="receipt")
    # Kept payment batches name each payee: theirs keep only the payee reference.
    from payments.services import batch_csv_bytes

    for batch in PaymentBatch.objects.filter(items__claim__person=person).distinct():
        batch.csv = batch_csv_bytes(batch, forget={person.pk})
        batch.save(update_fields=["csv"])
