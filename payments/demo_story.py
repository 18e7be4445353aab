"""Demo history for the dashboards' recognition page: claims for the meetings in the
projects' eighteen-month history, paid sooner as time goes on (from about four weeks to about
a week), with a few still waiting. Approved claims are paid the way finance pays them, in
weekly payment batches (payments.services), then dated back to when that happened. Called at
the end of payments.demo.seed. A claim is made once per meeting attended, decided by the
meeting, so running it again adds nothing."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from payments import services
from payments.models import ActivityType, Claim, ClaimLine, ExpenseType
from people.models import Involvement, User
from projects.demo_story import SUBJECTS

RATE = Decimal("20.00")


def seed(*, stdout):
    staff = User.objects.filter(email="staff@example.org").first()
    finance = User.objects.filter(email="finance@example.org").first()
    meeting = ActivityType.objects.filter(name="Meeting").first()
    mileage = ExpenseType.objects.filter(name="Mileage").first()
    if staff is None or finance is None or meeting is None:
        return
    now = timezone.now()
    titles = [*SUBJECTS, *[f"{s} (part two)" for s in SUBJECTS]]
    oldest = now - timedelta(days=560)
    visits = (Involvement.objects.filter(kind=Involvement.Kind.PROJECT_SESSION,
                                         activity_title__in=titles, claims__isnull=True)
              .exclude(person=staff).order_by("starts_at"))
    made, weeks = 0, {}
    for visit in visits:
        rng = random.Random(visit.pk)  # the same choices for a meeting on every run
        if rng.random() > 0.6:
            continue  # not everyone claims
        made += 1
        progress = (visit.starts_at - oldest) / (now - oldest)  # 0 long ago, 1 today
        submitted = visit.starts_at + timedelta(days=rng.randint(1, 4))
        paid = submitted + timedelta(days=max(4, round(28 - 22 * progress) + rng.randint(-3, 3)))
        waiting = paid > now - timedelta(days=3)
        claim = Claim.objects.create(
            person=visit.person, made_by=visit.person, involvement=visit,
            activity_title=visit.activity_title, activity_date=visit.starts_at.date(),
            status=Claim.Status.SUBMITTED if waiting else Claim.Status.APPROVED,
            payment_choice=Claim.PaymentChoice.VOUCHERS if rng.random() < 0.2
            else Claim.PaymentChoice.FULL,
            submitted_at=submitted, decided_by=None if waiting else staff,
            decided_at=None if waiting else paid - timedelta(days=2))
        if not waiting:
            # Paid in that week's batch, on its Friday.
            friday = paid.date() + timedelta(days=(4 - paid.weekday()) % 7)
            weeks.setdefault(friday, []).append(claim.pk)
        category = (ClaimLine.Category.VOUCHER
                    if claim.payment_choice == Claim.PaymentChoice.VOUCHERS
                    else ClaimLine.Category.PAYMENT)
        ClaimLine.objects.create(claim=claim, category=category, activity_type=meeting,
                                 description="Meeting, 2 hours", quantity=Decimal("2"),
                                 rate=RATE, rate_unit="hour", amount=RATE * 2)
        if mileage and rng.random() < 0.5:
            miles = Decimal(rng.randint(4, 30))
            ClaimLine.objects.create(claim=claim, category=ClaimLine.Category.EXPENSE,
                                     expense_type=mileage, description=f"Mileage, {miles} miles",
                                     quantity=miles, rate=Decimal("0.45"), rate_unit="mile",
                                     amount=(miles * Decimal("0.45")).quantize(Decimal("0.01")))
    _pay_in_weekly_batches(weeks, finance)
    stdout.write(f"Payments (dashboards history): {made} claims for meetings over 18 months.")


def _pay_in_weekly_batches(weeks, finance):
    people = set(Claim.objects.filter(pk__in=[pk for ids in weeks.values() for pk in ids])
                 .values_list("person", flat=True))
    for person in User.objects.filter(pk__in=people).exclude(payee__isnull=False):
        services.payee_set(person=person, by=finance, reference=f"NCC-{100200 + person.pk}")
    for friday, claim_ids in sorted(weeks.items()):
        batch = services.batch_create(by=finance, claim_ids=claim_ids)
        services.batch_mark_paid(batch=batch, by=finance)
        when = timezone.make_aware(datetime.combine(friday, time(11, 0)))
        when = min(when, timezone.now())
        Claim.objects.filter(pk__in=claim_ids).update(paid_at=when)
        type(batch).objects.filter(pk=batch.pk).update(created_at=when - timedelta(days=1),
                                                       paid_at=when)
