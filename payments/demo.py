"""Demo data for the payments room: a recognition policy like a council's (with a rate change
this year, so old claims show the old rate), and claims in every status with a paid batch.
Keyed on natural keys and on the involvement each claim is for: running it again adds nothing."""

import random
import struct
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduction.demo_time import Diary, happened_at
from payments import services
from payments.calculation import ClaimValues, ExpenseEntry, amounts, work_out_lines
from payments.models import (
    ActivityRate,
    ActivityType,
    Claim,
    ExpenseRate,
    ExpenseType,
    PayeeDetails,
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


def _involvements(member, rng, diary):
    """Past meetings and events of the demo members: those the projects and listening demos
    recorded, and a few of our own (a commissioning panel, booked in the diary)."""
    people = [member, *User.objects.filter(email__startswith="member0").order_by("email")[:6]]
    now = timezone.now()
    for number, person in enumerate(people):
        for k in range(2):
            source = f"payments.demo:{person.pk}:{k}"
            if Involvement.objects.filter(source=source).exists():
                continue
            hours = D("2.5") + k
            day = (now - timedelta(days=20 + 9 * number + 30 * k)).date()
            involvement_record(
                person=person, kind=Involvement.Kind.PROJECT_SESSION,
                activity_key="payments-demo:panel",
                activity_title="Home care commissioning panel",
                title=f"Panel meeting {k + 1}", hours=hours,
                starts_at=diary.book(day, float(hours), past=True), source=source)
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
    diary = Diary()
    policy = Policy(meeting=ActivityType.objects.get(name="Meeting"),
                    panel=ActivityType.objects.get(name="Interview panel"),
                    mileage=ExpenseType.objects.get(name="Mileage"),
                    bus=ExpenseType.objects.get(name="Bus or train fares"),
                    care=ExpenseType.objects.get(name="Replacement care or personal assistant"),
                    gift=VoucherOption.objects.get(name="High street gift card"))
    now = timezone.now()
    recent = [i for i in _involvements(member, rng, diary)
              if not i.claims.exists() and now - timedelta(days=100) < i.starts_at
              < now - timedelta(days=6)]
    if not Claim.objects.exists():
        _every_status(rng, recent, policy, staff, finance)
        _near_a_threshold(rng, member, policy, staff, finance, diary)
    stdout.write(f"Payments: policy, {Claim.objects.count()} claims in every status, "
                 f"{PaymentBatch.objects.count()} payment batches.")
    # Eighteen months of claims for the dashboards.
    from payments import demo_story

    demo_story.seed(stdout=stdout)


@dataclass
class Policy:
    meeting: ActivityType
    panel: ActivityType
    mileage: ExpenseType
    bus: ExpenseType
    care: ExpenseType
    gift: VoucherOption


def _values(rng, involvement, policy, *, choice=None, activity=None):
    choice = choice or rng.choice([Claim.PaymentChoice.FULL] * 4 + [
        Claim.PaymentChoice.VOUCHERS, Claim.PaymentChoice.CHARITY])
    expenses = [ExpenseEntry(expense_type=policy.mileage, miles=D(rng.randint(4, 30)),
                             details="Home to County Hall and back")]
    if rng.random() < 0.3:
        expenses = [ExpenseEntry(expense_type=policy.care, amount=D("36.00"),
                                 details="Two hours of sitting service for my mum")]
    if rng.random() < 0.3:
        expenses.append(ExpenseEntry(expense_type=policy.bus, amount=D("4.80"),
                                     details="Return bus fare"))
    return ClaimValues(
        activity_type=activity or (policy.panel if rng.random() < 0.2 else policy.meeting),
        hours=involvement.hours or D("2"), payment_choice=choice,
        voucher_option=policy.gift, charity_name="Alzheimer's Society", expenses=expenses)


def _claim(involvement, values, *, by, submit=True):
    """A claim made (and sent) a day or two after the activity."""
    receipts = []
    if any(e.expense_type.needs_receipt for e in values.expenses):
        receipts = [SimpleUploadedFile("receipt.png", tiny_png(), "image/png")]
    with happened_at(involvement.starts_at + timedelta(days=1, hours=6)):
        return services.claim_create(involvement=involvement, made_by=by, values=values,
                                     receipts=receipts, submit=submit)


def _decide(claim, staff, decision, reason=""):
    with happened_at(claim.submitted_at + timedelta(days=2)):
        return services.claim_decide(claim=claim, by=_approver(staff, claim), decision=decision,
                                     reason=reason)


def _pay(claims, finance, *, paid=True):
    """Finance give payee references, export the claims in a batch and (paid=True) mark it
    paid the next day, as it happened then."""
    decided = max(claim.decided_at for claim in claims)
    when = min(decided + timedelta(days=3), timezone.now() - timedelta(days=1))
    for person in {claim.person for claim in claims}:
        if not PayeeDetails.objects.filter(person=person).exists():
            with happened_at(decided):
                services.payee_set(person=person, by=finance,
                                   reference=f"NCC-{100200 + person.pk}")
    with happened_at(when):
        batch = services.batch_create(by=finance, claim_ids=[claim.pk for claim in claims])
    if paid:
        with happened_at(when + timedelta(hours=20)):
            services.batch_mark_paid(batch=batch, by=finance)
    return batch


def _every_status(rng, involvements, policy, staff, finance):
    """A claim in every status, for the demo's members, over the last three months."""
    approved = []
    for outcome, involvement in zip(PLAN, involvements, strict=False):
        maker = staff if outcome == "on_behalf" else involvement.person
        claim = _claim(involvement, _values(rng, involvement, policy), by=maker,
                       submit=outcome != "draft")
        if outcome in ("paid", "batched", "approved"):
            approved.append(_decide(claim, staff, Claim.Status.APPROVED))
        elif outcome == "returned":
            _decide(claim, staff, Claim.Status.RETURNED, "Please tell us where you drove from.")
        elif outcome == "rejected":
            _decide(claim, staff, Claim.Status.REJECTED,
                    "This meeting was cancelled, so we cannot pay it.")
    if len(approved) >= 5:
        _pay(approved[:3], finance)
        _pay(approved[3:5], finance, paid=False)


# The demo member has been paid enough this tax year for the portal to warn them that they
# are near the HMRC trading allowance, but not over it.
NEAR_THRESHOLD = "HMRC trading allowance"


def _near_a_threshold(rng, member, policy, staff, finance, diary):
    """Claims for the demo member's activities this tax year, approved and paid, until their
    total is between the threshold's warning level and (a little under) the threshold."""
    from payments.selectors import THRESHOLD_CATEGORIES, person_totals
    from payments.taxyear import tax_year_start

    threshold = Threshold.objects.filter(name=NEAR_THRESHOLD).first()
    if threshold is None:
        return
    low = threshold.amount * D("0.88")
    high = threshold.amount - D("15")
    categories = THRESHOLD_CATEGORIES[threshold.counts]

    def total():
        totals = person_totals(member)
        return sum((getattr(totals, {"payment": "payments", "voucher": "vouchers"}[c])
                    for c in categories), D("0"))

    now = timezone.now()
    start = tax_year_start(timezone.localdate())
    week_ago = now - timedelta(days=7)
    unclaimed = list(Involvement.objects.filter(
        person=member, starts_at__date__gte=start, starts_at__lt=week_ago, claims__isnull=True)
        .exclude(kind=Involvement.Kind.PROJECT).order_by("starts_at"))
    paying = []
    panels = 0
    while total() < low:
        if unclaimed:
            involvement, activity = unclaimed.pop(0), policy.meeting
        else:  # interview panels (half a day each), booked in the diary this tax year
            span = max((week_ago.date() - start).days, 1)
            day = start + timedelta(days=(panels * 23) % span)
            panels += 1
            if panels > 40:
                break
            involvement = involvement_record(
                person=member, kind=Involvement.Kind.OTHER, activity_key="payments-demo:panels",
                activity_title="Recruitment panel for social workers",
                title=f"Interview panel {panels}", hours=D("3.5"),
                starts_at=diary.book(day, 3.5, past=True),
                source=f"payments.demo:panel:{member.pk}:{panels}")
            if involvement.starts_at.date() < start:
                continue
            activity = policy.panel
        values = ClaimValues(activity_type=activity, hours=involvement.hours or D("2"),
                             payment_choice=Claim.PaymentChoice.FULL,
                             expenses=[ExpenseEntry(expense_type=policy.mileage, miles=D(12),
                                                    details="Home to County Hall and back")])
        by_category = amounts(work_out_lines(
            values, on=timezone.localdate(involvement.starts_at))).by_category
        worth = sum((by_category.get(category, D("0")) for category in categories), D("0"))
        if total() + worth > high:
            continue
        paying.append(_decide(_claim(involvement, values, by=member), staff,
                              Claim.Status.APPROVED))
    # Paid in monthly batches, as finance would.
    months = {}
    for claim in paying:
        months.setdefault(claim.decided_at.strftime("%Y-%m"), []).append(claim)
    for claims in months.values():
        _pay(claims, finance)


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
