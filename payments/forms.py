from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from coproduction.uploads import check_upload
from payments.models import ActivityType, Claim, ExpenseType, VoucherOption
from payments.services import ClaimValues, ExpenseEntry, missing_receipts, work_out_lines
from people.models import Recognition

EXPENSE_ROWS = 3
RECEIPT_FIELDS = 2
# The claim form starts from how the person said they want to be recognised.
CHOICE_FOR_PREFERENCE = {
    Recognition.PAYMENT: Claim.PaymentChoice.FULL,
    Recognition.VOUCHERS: Claim.PaymentChoice.VOUCHERS,
    Recognition.EXPENSES_ONLY: Claim.PaymentChoice.NONE,
    Recognition.NOTHING: Claim.PaymentChoice.NONE,
}


def _number():
    # GOV.UK asks for text inputs with a numeric keyboard rather than type="number".
    return forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false",
                                  "class": "govuk-input--width-5"})


def _money_field(label, **kwargs):
    return forms.DecimalField(label=label, required=False, min_value=Decimal("0"),
                              max_value=Decimal("9999"), decimal_places=2, widget=_number(),
                              **kwargs)


class ClaimForm(forms.Form):
    """One claim: time for the activity (paid as the person chooses) and up to three costs,
    with receipts. `on` is the activity's date (the rates in force that day apply)."""

    activity_type = forms.ModelChoiceField(
        label="What did you do?", queryset=ActivityType.objects.none(),
        empty_label="Choose an activity",
        error_messages={"required": "Select what you did"})
    hours = forms.DecimalField(
        label="How many hours did it take?", min_value=Decimal("0"), max_value=Decimal("24"),
        decimal_places=2, help_text="Include reading and preparation. For example, 2.5",
        widget=_number(),
        error_messages={"required": "Enter how many hours it took, like 2.5"})
    payment_choice = forms.ChoiceField(
        label="How would you like to be paid for your time?",
        choices=Claim.PaymentChoice.choices, widget=forms.RadioSelect,
        help_text="Turning a payment down, or taking less, is always fine.")
    voucher_option = forms.ModelChoiceField(
        label="Which vouchers?", queryset=VoucherOption.objects.none(), required=False,
        empty_label="Choose vouchers", help_text="Only if you chose vouchers.")
    less_amount = _money_field("How much would you like? (£)",
                               help_text="Only if you chose to be paid less.")
    charity_name = forms.CharField(label="Which charity?", max_length=200, required=False,
                                   help_text="Only if you chose to pay it to a charity.")
    notes = forms.CharField(label="Anything else we should know? (optional)", required=False,
                            max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, on, receipt_count=0, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.on, self.receipt_count, self.submitting = on, receipt_count, submitting
        self.fields["activity_type"].queryset = ActivityType.objects.filter(active=True)
        self.fields["voucher_option"].queryset = VoucherOption.objects.filter(active=True)
        expense_types = ExpenseType.objects.filter(active=True)
        for number in range(1, EXPENSE_ROWS + 1):
            self.fields[f"expense_{number}_type"] = forms.ModelChoiceField(
                label="Type of cost", queryset=expense_types, required=False,
                empty_label="No cost")
            self.fields[f"expense_{number}_amount"] = _money_field(
                "Amount paid (£)", help_text="Not for mileage.")
            self.fields[f"expense_{number}_miles"] = forms.DecimalField(
                label="Miles driven", required=False, min_value=Decimal("0"),
                max_value=Decimal("1000"), decimal_places=1, help_text="Mileage only.",
                widget=_number())
            self.fields[f"expense_{number}_details"] = forms.CharField(
                label="Details", required=False, max_length=200,
                help_text="For example, the journey. For a taxi, who agreed it beforehand.")
        for number in range(1, RECEIPT_FIELDS + 1):
            self.fields[f"receipt_{number}"] = forms.FileField(
                label=f"Receipt {number}" + (" (optional)" if number > 1 else ""),
                required=False, help_text="A photo or scan: PDF, JPEG or PNG, up to 10MB.")
        self.lines = []

    def expense_rows(self):
        return [[self[f"expense_{n}_{part}"] for part in ("type", "amount", "miles", "details")]
                for n in range(1, EXPENSE_ROWS + 1)]

    def receipt_fields(self):
        return [self[f"receipt_{n}"] for n in range(1, RECEIPT_FIELDS + 1)]

    def other_fields(self):
        return [self[name] for name in ("voucher_option", "less_amount", "charity_name")]

    def _clean_receipt(self, name):
        uploaded = self.cleaned_data.get(name)
        if uploaded:
            check_upload(uploaded)
        return uploaded

    def clean_receipt_1(self):
        return self._clean_receipt("receipt_1")

    def clean_receipt_2(self):
        return self._clean_receipt("receipt_2")

    def values(self) -> ClaimValues:
        data = self.cleaned_data
        expenses = []
        for number in range(1, EXPENSE_ROWS + 1):
            expense_type = data.get(f"expense_{number}_type")
            if expense_type is not None:
                expenses.append(ExpenseEntry(
                    expense_type=expense_type, amount=data.get(f"expense_{number}_amount"),
                    miles=data.get(f"expense_{number}_miles"),
                    details=data.get(f"expense_{number}_details") or ""))
        return ClaimValues(
            activity_type=data.get("activity_type"), hours=data.get("hours") or Decimal("0"),
            payment_choice=data.get("payment_choice") or Claim.PaymentChoice.FULL,
            less_amount=data.get("less_amount"), voucher_option=data.get("voucher_option"),
            charity_name=data.get("charity_name") or "", expenses=expenses,
            notes=data.get("notes") or "")

    def receipts(self):
        return [self.cleaned_data[f.name] for f in self.receipt_fields()
                if self.cleaned_data.get(f.name)]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # Expense rows are numbered, so errors from the calculation land on the right field.
        values = self.values()
        for number in range(1, EXPENSE_ROWS + 1):
            if cleaned.get(f"expense_{number}_type") is None and any(
                    cleaned.get(f"expense_{number}_{part}") for part in ("amount", "miles")):
                self.add_error(f"expense_{number}_type", "Select the type of cost")
        entries = iter(values.expenses)
        numbered = []
        for number in range(1, EXPENSE_ROWS + 1):
            if cleaned.get(f"expense_{number}_type") is not None:
                numbered.append((number, next(entries)))
        try:
            self.lines = work_out_lines(values, on=self.on)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                self.add_error(self._renumber(key, numbered), messages)
            return cleaned
        if self.submitting:
            missing = missing_receipts(self.lines,
                                       receipt_count=self.receipt_count + len(self.receipts()))
            if missing:
                self.add_error("receipt_1", f"Add a receipt for: {', '.join(missing)}")
        return cleaned

    @staticmethod
    def _renumber(key, numbered):
        # work_out_lines numbers the costs it was given; the form's rows may have gaps.
        if key.startswith("expense_"):
            _, position, part = key.split("_", 2)
            return f"expense_{numbered[int(position) - 1][0]}_{part}"
        return key


def initial_for_claim(claim) -> dict:
    initial = {"payment_choice": claim.payment_choice, "charity_name": claim.charity_name,
               "voucher_option": claim.voucher_option_id, "notes": claim.notes}
    number = 0
    for line in claim.lines.all():
        if line.activity_type_id:
            initial["activity_type"] = line.activity_type_id
            if line.rate_unit == "per hour":
                initial["hours"] = line.quantity
            if claim.payment_choice == Claim.PaymentChoice.LESS:
                initial["less_amount"] = line.amount
        elif line.expense_type_id and number < EXPENSE_ROWS:
            number += 1
            initial[f"expense_{number}_type"] = line.expense_type_id
            if line.rate_unit == "per mile":
                initial[f"expense_{number}_miles"] = line.quantity
            else:
                initial[f"expense_{number}_amount"] = line.amount
                details = line.description.split(": ", 1)
                if len(details) == 2:
                    initial[f"expense_{number}_details"] = details[1].split(" (we pay")[0]
    return initial


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[(Claim.Status.APPROVED, "Approve it"),
                 (Claim.Status.RETURNED, "Send it back to be changed"),
                 (Claim.Status.REJECTED, "Do not approve it")],
        error_messages={"required": "Select a decision"})
    reason = forms.CharField(
        label="Reason", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you send it back or do not approve it. The person will see it.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in (Claim.Status.RETURNED, Claim.Status.REJECTED) \
                and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why, so the person knows what to do next")
        return cleaned


class ReceiptForm(forms.Form):
    receipt = forms.FileField(label="Add a receipt",
                              help_text="A photo or scan: PDF, JPEG or PNG, up to 10MB.",
                              error_messages={"required": "Choose a file to upload"})

    def clean_receipt(self):
        uploaded = self.cleaned_data["receipt"]
        check_upload(uploaded)
        return uploaded


class PeriodForm(forms.Form):
    start = forms.DateField(label="Start date", help_text="For example, 6/4/2025",
                            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                            error_messages={"required": "Enter the first date",
                                            "invalid": "Enter a real date, like 6/4/2025"})
    end = forms.DateField(label="End date", help_text="For example, 5/4/2026",
                          input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                          error_messages={"required": "Enter the last date",
                                          "invalid": "Enter a real date, like 5/4/2026"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The last date must be after the first date")
        return cleaned


class PayeeForm(forms.Form):
    reference = forms.CharField(
        label="Payee reference", max_length=40,
        help_text="The person's reference in the council's finance system. Never bank details.",
        error_messages={"required": "Enter the payee reference"})

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_reference(self):
        from payments.models import PayeeDetails

        reference = self.cleaned_data["reference"].strip()
        if not reference.replace("-", "").isalnum():
            raise ValidationError("Use only letters, numbers and hyphens")
        taken = PayeeDetails.objects.filter(reference__iexact=reference)
        if self.person is not None:
            taken = taken.exclude(person=self.person)
        if taken.exists():
            raise ValidationError("That reference belongs to someone else")
        return reference


class BatchForm(forms.Form):
    claims = forms.ModelMultipleChoiceField(
        label="Claims to pay", queryset=Claim.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select claims from the list",
                        "invalid_pk_value": "Select claims from the list"})

    def __init__(self, *args, ready=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = ready if ready is not None else Claim.objects.none()


class SearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
