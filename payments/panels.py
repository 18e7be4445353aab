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


def project_recognition(project):
    """On a project's page: what the policy pays and covers, so that no project promises a
    rate of its own (the policy is the one place rates live)."""
    return [Panel("Expenses and payment", "payments/panels/project_recognition.html", {
        "paid": project.paid,
        "rates": selectors.paid_activity_rates() if project.paid else [],
    }, order=10)]


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
