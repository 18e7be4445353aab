"""What the payments room adds to the role home pages and the member's profile."""

from coproduction.panels import Panel
from payments import selectors
from payments.models import Claim, PaymentBatch


def member(user):
    claims = list(selectors.claims_for_person(user)[:5])
    return [Panel("Claims and payments", "payments/panels/member.html", {
        "claims": claims, "totals": selectors.person_totals(user),
        "to_claim": selectors.involvements_to_claim(user).count(),
    }, order=40)]


def member_profile(person):
    """On a member's profile, seen by them or by staff: its links act for that member."""
    return [Panel("Payments this tax year", "payments/panels/totals.html",
                  {"totals": selectors.person_totals(person), "person": person}, order=40)]


def staff(user):
    waiting = list(selectors.claims_awaiting_approval()[:5])
    count = Claim.objects.filter(status=Claim.Status.SUBMITTED).count()
    return [Panel("Claims waiting for approval", "payments/panels/staff.html",
                  {"claims": waiting, "count": count}, order=40)]


def finance(user):
    ready = Claim.objects.filter(status=Claim.Status.APPROVED)
    return [Panel("Payments", "payments/panels/finance.html", {
        "ready": ready.count(),
        "batches": list(selectors.batches()[:5]),
        "unpaid": PaymentBatch.objects.filter(status=PaymentBatch.Status.EXPORTED).count(),
    }, order=40)]


def admin(user):
    return [Panel("Payments policy", "payments/panels/admin.html", {}, order=40)]
