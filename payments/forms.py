from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from coproduction.forms import DateField, DocumentFormatField
from coproduction.uploads import check_upload
from payments.calculation import values_from_answers, work_out_lines
from payments.models import ActivityType, Claim, ExpenseType, VoucherOption
from people.models import Recognition

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


def number_field(label, *, what, example, unit="", most, places=2, required=True,
                 more=" If it was more, tell us in the notes", **kwargs):
    """A number typed in a text box, with every message in plain English: `what` names it
    ("the number of miles"), `example` shows one ("12"), `most` is the largest allowed."""
    shown = f"{unit}{int(most):,}"
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal("0"), max_value=Decimal(most),
        decimal_places=places, widget=_number(), error_messages={
            "required": f"Enter {what}, for example {example}",
            "invalid": f"Enter {what} as a number, for example {example}",
            "min_value": f"Enter {what} as 0 or more, for example {example}",
            "max_value": f"Enter {what} as {shown} or less.{more}".rstrip("."),
            "max_digits": f"Enter {what} as {shown} or less",
            "max_whole_digits": f"Enter {what} as {shown} or less",
            "max_decimal_places": f"Enter {what} with no more than {places} numbers after "
                                  f"the point, for example {example}",
        }, **kwargs)


class StepForm(forms.Form):
    """One step of a claim (see payments.steps). `answers` are the claim's answers so far;
    `on` the activity's date. The step's answers are checked with the claim arithmetic, so
    a problem it finds with this step's questions shows here, by the question."""

    def __init__(self, *args, answers=None, on=None, **kwargs):
        self.saved = answers or {}
        self.on = on
        kwargs.setdefault("initial", self.initial_from(self.saved))
        super().__init__(*args, **kwargs)

    def initial_from(self, answers) -> dict:
        return {name: answers.get(name) for name in self.base_fields}

    def answers(self) -> dict:
        """This step's answers as the claim stores them (plain JSON)."""
        return {name: _json(value) for name, value in self.cleaned_data.items()}

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.on is None:
            return cleaned
        try:
            work_out_lines(values_from_answers({**self.saved, **self.answers()}), on=self.on)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                if key in self.fields:
                    self.add_error(key, messages)
        return cleaned


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


class ActivityForm(StepForm):
    activity_type = forms.ModelChoiceField(
        label="What did you do?", queryset=ActivityType.objects.filter(active=True),
        widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select what you did",
                        "invalid_choice": "Select what you did from the list"})


class TimeForm(StepForm):
    hours = number_field("How many hours did it take?", what="the number of hours",
                         example="2.5", most="24",
                         help_text="Include reading and preparation. For example, 2.5")


class PaymentForm(StepForm):
    payment_choice = forms.ChoiceField(
        label="How would you like to be paid for your time?",
        choices=Claim.PaymentChoice.choices, widget=forms.RadioSelect,
        help_text="Turning a payment down, or taking less, is always fine.",
        error_messages={"required": "Select how you would like to be paid",
                        "invalid_choice": "Select how you would like to be paid"})


class VouchersForm(StepForm):
    voucher_option = forms.ModelChoiceField(
        label="Which vouchers would you like?", widget=forms.RadioSelect, empty_label=None,
        queryset=VoucherOption.objects.filter(active=True),
        error_messages={"required": "Select which vouchers you would like",
                        "invalid_choice": "Select which vouchers you would like"})


class LessForm(StepForm):
    less_amount = number_field("How much would you like to be paid? (£)",
                               what="how much you would like", example="10.00", unit="£",
                               most="9999", more="")


class CharityForm(StepForm):
    charity_name = forms.CharField(
        label="Which charity should we pay?", max_length=200,
        error_messages={"required": "Enter the name of the charity",
                        "max_length": "Enter the charity's name in 200 characters or fewer"})


# The follow-up question for the way of being paid that needs one.
PAYMENT_DETAIL_FORMS = {
    Claim.PaymentChoice.VOUCHERS: VouchersForm,
    Claim.PaymentChoice.LESS: LessForm,
    Claim.PaymentChoice.CHARITY: CharityForm,
}


class CostsForm(StepForm):
    expense_types = forms.ModelMultipleChoiceField(
        label="What did it cost you to take part?", required=False,
        queryset=ExpenseType.objects.filter(active=True), widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Select none if it cost you nothing.",
        error_messages={"invalid_choice": "Select costs from the list",
                        "invalid_pk_value": "Select costs from the list"})

    def initial_from(self, answers):
        return {"expense_types": [entry["type"] for entry in answers.get("expenses", [])]}

    def answers(self):
        # Costs kept keep what was typed for them; new ones are added in the policy's order.
        kept = {entry["type"]: entry for entry in self.saved.get("expenses", [])}
        return {"expenses": [
            kept.get(expense.pk, {"type": expense.pk, "amount": None, "miles": None,
                                  "details": ""})
            for expense in self.cleaned_data["expense_types"]]}


class CostDetailsForm(StepForm):
    """How much each chosen cost was: miles for mileage, an amount for the rest, and who agreed
    it where that is needed. Fields are numbered in the order of the claim's costs."""

    def __init__(self, *args, expense_types, **kwargs):
        self.expense_types = expense_types  # {pk: ExpenseType}
        super().__init__(*args, **kwargs)
        self.groups = []
        for number, entry in enumerate(self.saved.get("expenses", []), start=1):
            expense = expense_types[entry["type"]]
            names = []
            if expense.kind == ExpenseType.Kind.MILEAGE:
                self.fields[f"expense_{number}_miles"] = number_field(
                    "How many miles did you drive?", what="the number of miles you drove",
                    example="12", most="1000", places=1,
                    help_text="There and back. For example, 12")
                names.append(f"expense_{number}_miles")
            else:
                self.fields[f"expense_{number}_amount"] = number_field(
                    "How much did you pay? (£)", what="how much you paid", example="4.50",
                    unit="£", most="9999",
                    help_text="If you paid more than once, add them up.")
                names.append(f"expense_{number}_amount")
            if expense.needs_prior_agreement:
                self.fields[f"expense_{number}_details"] = forms.CharField(
                    label="Who agreed it with you before the day?", max_length=200,
                    error_messages={"required": f"Say who agreed the {expense.name.lower()} "
                                                "with you before the day",
                                    "max_length": "Use 200 characters or fewer"})
            else:
                self.fields[f"expense_{number}_details"] = forms.CharField(
                    label="What was it for? (optional)", max_length=200, required=False,
                    help_text="For example, the journey",
                    error_messages={"max_length": "Use 200 characters or fewer"})
            names.append(f"expense_{number}_details")
            self.groups.append((expense, [self[name] for name in names]))
            for part in ("amount", "miles", "details"):
                self.initial.setdefault(f"expense_{number}_{part}", entry.get(part))

    def initial_from(self, answers):
        return {}

    def answers(self):
        expenses = []
        for number, entry in enumerate(self.saved.get("expenses", []), start=1):
            entry = dict(entry)
            for part in ("amount", "miles", "details"):
                name = f"expense_{number}_{part}"
                if name in self.cleaned_data:
                    entry[part] = _json(self.cleaned_data[name])
            expenses.append(entry)
        return {"expenses": expenses}


class ReceiptStepForm(StepForm):
    receipt = forms.FileField(
        label="Add a receipt", required=False,
        help_text="A photo or scan: PDF, JPEG or PNG, up to 10MB. You can add more than one.",
        error_messages={"empty": "The selected file is empty",
                        "invalid": "Choose a file to upload"})

    def clean_receipt(self):
        uploaded = self.cleaned_data.get("receipt")
        if uploaded:
            check_upload(uploaded)
        return uploaded

    def answers(self):
        return {}


class NotesForm(StepForm):
    notes = forms.CharField(
        label="Is there anything else we should know? (optional)", required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Use 2,000 characters or fewer"})


class SendForm(forms.Form):
    """Check your answers: sending is the only thing to do, and its problems show here."""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[(Claim.Status.APPROVED, "Approve it"),
                 (Claim.Status.RETURNED, "Send it back to be changed"),
                 (Claim.Status.REJECTED, "Do not approve it")],
        error_messages={"required": "Select a decision",
                        "invalid_choice": "Select a decision from the list"})
    reason = forms.CharField(
        label="Reason", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Write the reason in 2,000 characters or fewer"},
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
                              error_messages={"required": "Choose a file to upload",
                                              "empty": "The selected file is empty",
                                              "invalid": "Choose a file to upload",
                                              "missing": "Choose a file to upload"})

    def clean_receipt(self):
        uploaded = self.cleaned_data["receipt"]
        check_upload(uploaded)
        return uploaded


class PeriodForm(forms.Form):
    start = DateField(label="Start date", help_text="For example, 6 4 2025",
                      example="6 4 2025")
    end = DateField(label="End date", help_text="For example, 5 4 2026", example="5 4 2026")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "The last date must be after the first date")
        return cleaned


class LetterForm(PeriodForm):
    """The benefits letter: the period, and the format it comes in."""

    document_format = DocumentFormatField()


class PayeeForm(forms.Form):
    reference = forms.CharField(
        label="Payee reference", max_length=40,
        help_text="The person's reference in the council's finance system. Never bank details.",
        error_messages={"required": "Enter the payee reference",
                        "max_length": "Enter a payee reference of 40 characters or fewer"})

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
    q = forms.CharField(label="Name or email address", required=False, max_length=200,
                        error_messages={"max_length": "Search for 200 characters or fewer"})
