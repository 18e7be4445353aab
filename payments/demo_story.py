"""Demo history for the dashboards' recognition page: claims for the meetings in the
projects' eighteen-month history, paid sooner as time goes on (from about four weeks to about
a week), with a few still waiting. Approved claims are paid the way finance pays them, in
weekly payment batches (payments.services), then dated back to when that happened. Called at
the end of payments.demo.seed. A claim is made once per meeting attended, decided by the
meeting, so running it again adds nothing."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from coproduction.demo_time import happened_at
from payments import services
from payments.calculation import ClaimValues, ExpenseEntry
from payments.models import ActivityType, Claim, ExpenseType, PayeeDetails, VoucherOption
from people.models import Involvement, User
from projects.demo_story import SUBJECTS
from projects.our_voice import GROUP_TITLE


def seed(*, stdout):
    staff = User.objects.filter(email="staff@example.org").first()
    finance = User.objects.filter(email="finance@example.org").first()
    meeting = ActivityType.objects.filter(name="Meeting").first()
    mileage = ExpenseType.objects.filter(name="Mileage").first()
    gift = VoucherOption.objects.filter(name="High street gift card").first()
    if staff is None or finance is None or meeting is None:
        return
    now = timezone.now()
    # The history's projects, and the Our Voice group's monthly meetings.
    titles = [*SUBJECTS, *[f"{s} (part two)" for s in SUBJECTS], GROUP_TITLE]
    oldest = now - timedelta(days=560)
    visits = (Involvement.objects.filter(kind=Involvement.Kind.PROJECT_SESSION,
                                         activity_title__in=titles, claims__isnull=True)
              .exclude(person=staff).select_related("person").order_by("starts_at"))
    made, weeks = 0, {}
    for visit in visits:
        rng = random.Random(visit.pk)  # the same choices for a meeting on every run
        if rng.random() > 0.6:
            continue  # not everyone claims
        made += 1
        progress = (visit.starts_at - oldest) / (now - oldest)  # 0 long ago, 1 today
        submitted = visit.starts_at + timedelta(days=rng.randint(1, 4), hours=rng.randint(2, 8))
        paid = submitted + timedelta(days=max(4, round(28 - 22 * progress) + rng.randint(-3, 3)))
        waiting = paid > now - timedelta(days=3)
        vouchers = gift is not None and rng.random() < 0.2
        expenses = ([ExpenseEntry(expense_type=mileage, miles=Decimal(rng.randint(4, 30)),
                                  details="Home and back")]
                    if mileage and rng.random() < 0.5 else [])
        values = ClaimValues(activity_type=meeting, hours=visit.hours or Decimal("2"),
                             payment_choice=Claim.PaymentChoice.VOUCHERS if vouchers
                             else Claim.PaymentChoice.FULL,
                             voucher_option=gift if vouchers else None, expenses=expenses)
        with happened_at(min(submitted, now)):
            claim = services.claim_create(involvement=visit, made_by=visit.person,
                                          values=values, submit=True)
        if waiting:
            continue
        with happened_at(paid - timedelta(days=2)):
            services.claim_decide(claim=claim, by=staff, decision=Claim.Status.APPROVED)
        # Paid in that week's batch, on its Friday.
        friday = paid.date() + timedelta(days=(4 - paid.weekday()) % 7)
        weeks.setdefault(friday, []).append(claim.pk)
    _pay_in_weekly_batches(weeks, finance)
    stdout.write(f"Payments (dashboards history): {made} claims for meetings over 18 months.")


def _pay_in_weekly_batches(weeks, finance):
    """Finance give each claimant a payee reference, then export a batch each Friday and mark
    it paid the same day (payments.services), as it happened then."""
    people = (Claim.objects.filter(pk__in=[pk for ids in weeks.values() for pk in ids])
              .values("person").annotate(first=Min("decided_at")))
    for row in people:
        if not PayeeDetails.objects.filter(person_id=row["person"]).exists():
            with happened_at(row["first"]):
                services.payee_set(person=User(pk=row["person"]), by=finance,
                                   reference=f"NCC-{100200 + row['person']}")
    for friday, claim_ids in sorted(weeks.items()):
        when = min(timezone.make_aware(datetime.combine(friday, time(11, 0))),
                   timezone.now() - timedelta(hours=1))
        with happened_at(when - timedelta(hours=2)):
            batch = services.batch_create(by=finance, claim_ids=claim_ids)
        with happened_at(when):
            services.batch_mark_paid(batch=batch, by=finance)
