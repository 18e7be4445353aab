"""The recognition policy (activity rates, expense types, vouchers, thresholds), claims with
their lines and receipts, and payment batches for finance.

Rates are versioned by effective date (ActivityRate, ExpenseRate); each claim line stores the
rate it was worked out with, so a later change of policy never changes an old claim."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

PENCE = Decimal("0.01")


def money(**kwargs):
    return models.DecimalField(max_digits=10, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0"))], **kwargs)


class RateUnit(models.TextChoices):
    HOUR = "hour", "per hour"
    HALF_DAY = "half_day", "per half day"
    DAY = "day", "per day"
    FIXED = "fixed", "fixed amount"


class ActivityType(models.Model):
    """Something a person can be paid for their time for (a meeting, an interview panel...)."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True,
                                   help_text="One plain-English sentence for the public page.")
    is_paid = models.BooleanField("paid for time", default=True,
                                  help_text="Untick for activities we only cover costs for.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ActivityRate(models.Model):
    """The rate for an activity type from a date on. The rate in force on a day is the one
    with the latest effective_from on or before it."""

    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="rates")
    effective_from = models.DateField()
    unit = models.CharField(max_length=10, choices=RateUnit.choices, default=RateUnit.HOUR)
    amount = money(help_text="In pounds, e.g. 15.00")
    unit_hours = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal("4"),
        help_text="For half-day and day rates: how many hours make one unit. Time is rounded "
                  "up to whole units (e.g. 5 hours at a 4-hour half day is 2 half days).")

    class Meta:
        ordering = ["activity_type", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["activity_type", "effective_from"],
                                               name="one_activity_rate_per_date")]

    def __str__(self):
        return f"£{self.amount} {self.get_unit_display()} from {self.effective_from:%d %B %Y}"


class ExpenseType(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", "Mileage (own car)"
        AMOUNT = "amount", "An amount you paid"

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AMOUNT)
    needs_receipt = models.BooleanField(default=True)
    needs_prior_agreement = models.BooleanField(
        default=False, help_text="e.g. taxis: the claimant must say who agreed it beforehand.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ExpenseRate(models.Model):
    """For mileage: the rate per mile. For other expenses: an optional cap per claim."""

    expense_type = models.ForeignKey(ExpenseType, on_delete=models.PROTECT, related_name="rates")
    effective_from = models.DateField()
    rate_per_mile = money(null=True, blank=True, help_text="Mileage only, e.g. 0.45")
    cap = money(null=True, blank=True, help_text="Most we pay per claim (blank: no cap).")

    class Meta:
        ordering = ["expense_type", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["expense_type", "effective_from"],
                                               name="one_expense_rate_per_date")]

    def __str__(self):
        return f"{self.expense_type} from {self.effective_from:%d %B %Y}"


class VoucherOption(models.Model):
    """A kind of voucher people can choose instead of money."""

    name = models.CharField(max_length=100, unique=True, help_text="e.g. High street gift card")
    denomination = money(help_text="Value of one voucher in pounds, e.g. 10.00")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} (£{self.denomination})"


class Threshold(models.Model):
    """A level of income at which people should be warned to get independent advice."""

    class Period(models.TextChoices):
        TAX_YEAR = "tax_year", "Tax year (6 April to 5 April)"
        MONTH = "month", "Calendar month"
        WEEK = "week", "Week (Monday to Sunday)"

    class Counts(models.TextChoices):
        PAYMENTS = "payments", "Involvement payments"
        VOUCHERS = "vouchers", "Vouchers"
        BOTH = "both", "Involvement payments and vouchers"

    name = models.CharField(max_length=100, unique=True)
    period = models.CharField(max_length=10, choices=Period.choices)
    counts = models.CharField(max_length=10, choices=Counts.choices, default=Counts.BOTH,
                              help_text="Receipted expenses are not income and never count.")
    amount = money()
    warn_at_percent = models.PositiveSmallIntegerField(
        default=80, help_text="Warn when the total reaches this share of the amount.")
    message = models.TextField(help_text="Plain English. Suggest independent advice; never give "
                                         "benefits advice.")
    source = models.CharField(max_length=300, blank=True,
                              help_text="Where the amount comes from, for the people who check it.")
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Claim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for approval"
        RETURNED = "returned", "Returned to you"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"
        BATCHED = "batched", "Being paid"
        PAID = "paid", "Paid"

    class PaymentChoice(models.TextChoices):
        FULL = "full", "Pay me the full amount"
        VOUCHERS = "vouchers", "Give me vouchers instead of money"
        LESS = "less", "Pay me less than the full amount"
        NONE = "none", "Do not pay me for my time"
        CHARITY = "charity", "Pay it to a charity instead"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="claims")
    # Who made the claim: the person, or a member of staff on their behalf.
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    involvement = models.ForeignKey("people.Involvement", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="claims")
    # Kept from the involvement, so the claim reads the same if that record goes.
    activity_title = models.CharField(max_length=200)
    activity_date = models.DateField(db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    payment_choice = models.CharField(max_length=10, choices=PaymentChoice.choices,
                                      default=PaymentChoice.FULL)
    charity_name = models.CharField(max_length=200, blank=True)
    voucher_option = models.ForeignKey(VoucherOption, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    # Everything typed in the claim's steps, kept between them (see payments.steps); the
    # lines are worked out from it.
    answers = models.JSONField(default=dict, blank=True)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-activity_date", "-id"]
        constraints = [
            # One live claim per thing someone took part in (a rejected one may be claimed again).
            models.UniqueConstraint(fields=["involvement"], condition=~models.Q(status="rejected"),
                                    name="one_live_claim_per_involvement"),
        ]
        indexes = [
            # Claims waiting for approval, oldest first (the approvals page and staff home),
            # and approved claims ready to batch (finance's claims to pay): the first page
            # of each without sorting every claim in that status (issue 13).
            models.Index(fields=["status", "submitted_at", "id"], name="claim_status_submitted"),
            models.Index(fields=["status", "decided_at", "id"], name="claim_status_decided"),
        ]

    def __str__(self):
        return f"Claim {self.pk}: {self.activity_title}"

    @property
    def on_behalf(self) -> bool:
        return self.made_by_id != self.person_id

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ClaimLine(models.Model):
    """One amount on a claim, with the rate it was worked out with."""

    class Category(models.TextChoices):
        PAYMENT = "payment", "Involvement payment"
        VOUCHER = "voucher", "Vouchers"
        CHARITY = "charity", "Paid to charity"
        EXPENSE = "expense", "Expenses"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(max_length=10, choices=Category.choices)
    activity_type = models.ForeignKey(ActivityType, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    expense_type = models.ForeignKey(ExpenseType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("1"))
    rate = money(null=True, blank=True)
    rate_unit = models.CharField(max_length=20, blank=True)
    amount = money()

    class Meta:
        ordering = ["claim", "id"]

    def __str__(self):
        return f"{self.description}: £{self.amount}"


def receipt_path(receipt, filename):
    # Never the uploaded name: it may hold personal data and it decides nothing.
    extension = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}[receipt.kind]
    return f"payments/receipts/{timezone.now():%Y/%m}/{receipt.token}.{extension}"


class Receipt(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to=receipt_path)
    token = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=10)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class ClaimEvent(models.Model):
    """Every change of a claim's status: who, when, and why."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Claim.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Claim.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


class PayeeDetails(models.Model):
    """The reference the finance team gives a person in the council's finance system. The
    portal stores no bank details."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="payee")
    reference = models.CharField(max_length=40, unique=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.reference


class PaymentBatch(models.Model):
    class Status(models.TextChoices):
        EXPORTED = "exported", "Exported"
        PAID = "paid", "Paid"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXPORTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    claim_count = models.PositiveIntegerField(default=0)
    total = money(default=Decimal("0"))
    # The file exactly as first made: downloading it again gives the identical bytes.
    csv = models.BinaryField(editable=False)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "payment batches"

    def __str__(self):
        return f"Batch {self.pk}"

    @property
    def filename(self):
        return f"payment-batch-{self.pk}.csv"


class BatchItem(models.Model):
    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="items")
    # OneToOne: the database itself refuses to put a claim in a second batch.
    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="batch_item")

    def __str__(self):
        return f"{self.batch} / {self.claim_id}"
