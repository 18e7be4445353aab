"""The payments room's part of a member's data rights (people.data_rights)."""

from coproduction.money import Money, format_pounds
from payments.calculation import total
from payments.models import Claim, Receipt


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


def erase_for_person(person) -> None:
    """When an account is deleted: drafts (never sent, so no record the council must keep) and
    their receipts go; sent claims stay for the finance retention period, without the
    claimant's free-text notes."""
    drafts = Claim.objects.filter(person=person, status=Claim.Status.DRAFT)
    for receipt in Receipt.objects.filter(claim__in=drafts):
        receipt.file.delete(save=False)
    drafts.delete()
    # The notes are also among the answers typed in the claim's steps.
    for claim in Claim.objects.filter(person=person).exclude(answers={}):
        claim.answers = {**claim.answers, "notes": ""}
        claim.save(update_fields=["answers"])
    Claim.objects.filter(person=person).update(notes="")
