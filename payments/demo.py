"""Demo data for the payments room: a recognition policy like a council's (with a rate change
this year, so old claims show the old rate), and claims in every status with a paid batch.
Keyed on natural keys and on the involvement each claim is for: running it again adds nothing."""

import random
import struct
import zlib
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from payments import services
from payments.calculation import ClaimValues, ExpenseEntry
from payments.models import (
    ActivityRate,
    ActivityType,
    Claim,
    ExpenseRate,
    ExpenseType,
    PaymentBatch,
    RateUnit,
    Threshold,
    VoucherOption,
)
from people.models import Involvement, User
from people.services import involvement_record

D = Decimal
SECOND_STAFF = "staff2@example.org"
POLICY_START = date(2024, 4, 6)
RATE_CHANGE = date(2026, 4, 6)
# (name, description, paid, [(from, unit, amount, unit_hours)])
ACTIVITIES = [
    ("Meeting", "Taking part in a project meeting or listening event.", True,
     [(POLICY_START, RateUnit.HOUR, "15.00", "4"), (RATE_CHANGE, RateUnit.HOUR, "16.00", "4")]),
    ("Preparation and reading", "Reading papers or preparing before a meeting.", True,
     [(POLICY_START, RateUnit.HOUR, "15.00", "4")]),
    ("Interview panel", "Sitting on an interview panel for a council job.", True,
     [(POLICY_START, RateUnit.HALF_DAY, "60.00", "4")]),
    ("Co-chairing", "Chairing a project with a member of staff.", True,
     [(POLICY_START, RateUnit.HOUR, "20.00", "4")]),
    ("Speaking at an event", "Sharing your experience at a conference or training day.", True,
     [(POLICY_START, RateUnit.FIXED, "50.00", "4")]),
    ("Training", "Training we offer you. We cover your costs.", False, []),
]
# (name, description, kind, receipt, prior agreement, rate per mile, cap)
EXPENSES = [
    ("Mileage", "Driving your own car.", ExpenseType.Kind.MILEAGE, False, False, "0.45", None),
    ("Bus or train fares", "Public transport.", ExpenseType.Kind.AMOUNT, True, False, None, None),
    ("Taxi", "Only if we agreed it before your journey.", ExpenseType.Kind.AMOUNT, True, True,
     None, None),
    ("Parking", "", ExpenseType.Kind.AMOUNT, True, False, None, None),
    ("Meals and drinks", "When you are with us over a mealtime.", ExpenseType.Kind.AMOUNT, True,
     False, None, "10.00"),
    ("Replacement care or personal assistant", "So the person you care for is looked after.",
     ExpenseType.Kind.AMOUNT, True, False, None, None),
    ("Childcare", "", ExpenseType.Kind.AMOUNT, True, False, None, None),
    ("Other costs", "Tell us what it was for.", ExpenseType.Kind.AMOUNT, True, False, None, None),
]
VOUCHERS = [("High street gift card", "10.00"), ("Supermarket voucher", "5.00")]
ADVICE = ("An independent benefits adviser, such as Citizens Advice, can tell you what it means "
          "for you.")
THRESHOLDS = [
    ("HMRC trading allowance", Threshold.Period.TAX_YEAR, Threshold.Counts.BOTH, "1000.00", 80,
     "Over £1,000 in a tax year you may need to tell HMRC and fill in a tax return. " + ADVICE,
     "HMRC trading allowance, £1,000 a tax year (gov.uk/guidance/tax-free-allowances-on-"
     "property-and-trading-income)."),
    ("ESA permitted work", Threshold.Period.WEEK, Threshold.Counts.PAYMENTS, "195.50", 75,
     "If you get Employment and Support Allowance, payments over the permitted work limit in a "
     "week can affect it. " + ADVICE,
     "ESA permitted work higher limit, £195.50 a week from April 2025 (DWP)."),
    ("Universal Credit", Threshold.Period.MONTH, Threshold.Counts.PAYMENTS, "0.00", 0,
     "If you get Universal Credit, cash payments for your time count as earnings and you must "
     "report them. DWP has said vouchers do not count, but not everyone agrees. " + ADVICE,
     "DWP guidance on involvement payments and Universal Credit (no fixed limit)."),
]


def seed_policy():
    for order, (name, description, paid, rates) in enumerate(ACTIVITIES):
        activity, _ = ActivityType.objects.get_or_create(
            name=name, defaults={"description": description, "is_paid": paid, "order": order})
        for start, unit, amount, hours in rates:
            ActivityRate.objects.get_or_create(
                activity_type=activity, effective_from=start,
                defaults={"unit": unit, "amount": D(amount), "unit_hours": D(hours)})
    for order, (name, description, kind, receipt, agreed, per_mile, cap) in enumerate(EXPENSES):
        expense, _ = ExpenseType.objects.get_or_create(
            name=name, defaults={"description": description, "kind": kind,
                                 "needs_receipt": receipt, "needs_prior_agreement": agreed,
                                 "order": order})
        if per_mile or cap:
            ExpenseRate.objects.get_or_create(
                expense_type=expense, effective_from=POLICY_START,
                defaults={"rate_per_mile": D(per_mile) if per_mile else None,
                          "cap": D(cap) if cap else None})
    for name, denomination in VOUCHERS:
        VoucherOption.objects.get_or_create(name=name, defaults={"denomination": D(denomination)})
    for order, (name, period, counts, amount, percent, message, source) in enumerate(THRESHOLDS):
        Threshold.objects.get_or_create(name=name, defaults={
            "period": period, "counts": counts, "amount": D(amount), "warn_at_percent": percent,
            "message": message, "source": source, "order": order})


# What each demo claim becomes: the status it ends in.
PLAN = ["paid", "paid", "paid", "batched", "batched", "approved", "approved", "submitted",
        "submitted", "submitted", "returned", "rejected", "draft", "on_behalf"]


def _involvements(member, rng):
    """Past meetings and events of the demo members: those the projects and listening demos
    recorded, and a few of our own so that every status has a claim."""
    people = [member, *User.objects.filter(email__startswith="member0").order_by("email")[:6]]
    now = timezone.now()
    for number, person in enumerate(people):
        for k in range(2):
            involvement_record(
                person=person, kind=Involvement.Kind.PROJECT_SESSION,
                activity_key="payments-demo:panel",
                activity_title="Home care commissioning panel",
                title=f"Panel meeting {k + 1}", hours=D("2.5") + k,
                starts_at=now - timedelta(days=20 + 9 * number + 30 * k, hours=rng.randint(0, 4)),
                source=f"payments.demo:{person.pk}:{k}")
    return list(Involvement.objects.filter(person__in=people, starts_at__lt=now)
                .exclude(kind=Involvement.Kind.PROJECT).select_related("person")
                .order_by("starts_at", "pk"))


def seed(*, stdout):
    seed_policy()
    member = User.objects.filter(email="member@example.org").first()
    staff = User.objects.filter(email="staff@example.org").first()
    finance = User.objects.filter(email="finance@example.org").first()
    if not (member and staff and finance):
        stdout.write("Payments: policy loaded (no demo accounts, so no claims).")
        return
    rng = random.Random(6)
    meeting = ActivityType.objects.get(name="Meeting")
    panel = ActivityType.objects.get(name="Interview panel")
    mileage = ExpenseType.objects.get(name="Mileage")
    bus = ExpenseType.objects.get(name="Bus or train fares")
    care = ExpenseType.objects.get(name="Replacement care or personal assistant")
    gift = VoucherOption.objects.get(name="High street gift card")
    free = [i for i in _involvements(member, rng) if not i.claims.exists()]
    if not Claim.objects.exists():
        for outcome, involvement in zip(PLAN, free, strict=False):
            choice = rng.choice([Claim.PaymentChoice.FULL] * 4 + [
                Claim.PaymentChoice.VOUCHERS, Claim.PaymentChoice.CHARITY])
            expenses = [ExpenseEntry(expense_type=mileage, miles=D(rng.randint(4, 30)),
                                     details="Home to County Hall and back")]
            if rng.random() < 0.3:
                expenses = [ExpenseEntry(expense_type=care, amount=D("36.00"),
                                         details="Two hours of sitting service for my mum")]
            if rng.random() < 0.3:
                expenses.append(ExpenseEntry(expense_type=bus, amount=D("4.80"),
                                             details="Return bus fare"))
            values = ClaimValues(
                activity_type=panel if rng.random() < 0.2 else meeting,
                hours=involvement.hours or D("2"), payment_choice=choice,
                voucher_option=gift, charity_name="Alzheimer's Society", expenses=expenses)
            maker = staff if outcome == "on_behalf" else involvement.person
            receipts = []
            if any(e.expense_type.needs_receipt for e in expenses):
                receipts = [SimpleUploadedFile("receipt.png", tiny_png(), "image/png")]
            claim = services.claim_create(involvement=involvement, made_by=maker, values=values,
                                          receipts=receipts, submit=outcome != "draft")
            if outcome in ("paid", "batched", "approved"):
                services.claim_decide(claim=claim, by=_approver(staff, claim),
                                      decision=Claim.Status.APPROVED)
            elif outcome == "returned":
                services.claim_decide(claim=claim, by=_approver(staff, claim),
                                      decision=Claim.Status.RETURNED,
                                      reason="Please tell us where you drove from.")
            elif outcome == "rejected":
                services.claim_decide(claim=claim, by=_approver(staff, claim),
                                      decision=Claim.Status.REJECTED,
                                      reason="This meeting was cancelled, so we cannot pay it.")
        for person in User.objects.filter(claims__status=Claim.Status.APPROVED).distinct():
            services.payee_set(person=person, by=finance, reference=f"NCC-{100200 + person.pk}")
        approved = list(Claim.objects.filter(status=Claim.Status.APPROVED).order_by("pk")
                        .values_list("pk", flat=True))
        paid = services.batch_create(by=finance, claim_ids=approved[:3])
        services.batch_mark_paid(batch=paid, by=finance)
        services.batch_create(by=finance, claim_ids=approved[3:5])
    stdout.write(f"Payments: policy, {Claim.objects.count()} claims in every status, "
                 f"{PaymentBatch.objects.count()} payment batches.")
    # Eighteen months of claims for the dashboards.
    from payments import demo_story

    demo_story.seed(stdout=stdout)


def _approver(staff, claim):
    """Separation of duties: the demo's staff account never decides a claim it made; the
    second demo staff account (people.demo) does."""
    if staff.pk not in (claim.person_id, claim.made_by_id):
        return staff
    return User.objects.get(email=SECOND_STAFF)


def tiny_png() -> bytes:
    """A real (grey, 40 × 60 pixel) PNG standing in for a photo of a receipt."""
    width, height = 40, 60

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + b"\xcc" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
