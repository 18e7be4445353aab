"""The claim in short steps, one question per page as GOV.UK services ask, showing only what
applies: which activity → time → how to be paid (and vouchers, amount or charity if that was
chosen) → which costs → how much each was → receipts (if a cost needs one) → anything else →
check your answers and send. Members and staff claiming for them use the same steps.

Everything typed is kept on the draft claim (Claim.answers) as each step is saved, so going
back, leaving and coming back, or sending a receipt before the end loses nothing."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from payments import forms
from payments.calculation import missing_receipts, values_from_answers, work_out_lines
from payments.models import Claim, ExpenseType, RateUnit
from payments.selectors import activity_rate_on

Choice = Claim.PaymentChoice


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # the page's heading; its question is the form's label


STEPS = [
    Step("activity", "The activity"),
    Step("time", "Your time"),
    Step("payment", "Payment for your time"),
    Step("payment-details", "Your payment"),
    Step("costs", "Your costs"),
    Step("cost-details", "How much your costs were"),
    Step("receipts", "Receipts"),
    Step("notes", "Anything else"),
]
BY_SLUG = {step.slug: step for step in STEPS}
CHECK = "check"


@dataclass
class ClaimState:
    """A claim's answers with what they refer to, loaded once for a step page."""

    answers: dict
    on: object
    activity: object | None
    rate: object | None
    expense_types: dict  # {pk: ExpenseType} for the claim's costs
    receipt_count: int = 0

    @classmethod
    def load(cls, answers, *, on, receipt_count=0):
        values = values_from_answers(answers)
        rate = activity_rate_on(values.activity_type, on) if values.activity_type else None
        return cls(answers=answers, on=on, activity=values.activity_type, rate=rate,
                   expense_types={e.expense_type.pk: e.expense_type for e in values.expenses},
                   receipt_count=receipt_count)

    @property
    def paid_for_time(self) -> bool:
        return bool(self.activity and self.activity.is_paid)

    def needs_receipts(self) -> list[str]:
        return sorted({e.name for e in self.expense_types.values() if e.needs_receipt})


def applies(slug, state: ClaimState) -> bool:
    """Whether a step asks anything for this claim."""
    if slug == "time":
        # A fixed amount does not depend on time.
        return state.paid_for_time and not (state.rate and state.rate.unit == RateUnit.FIXED)
    if slug == "payment":
        return state.paid_for_time
    if slug == "payment-details":
        return state.paid_for_time and state.answers.get("payment_choice") in (
            forms.PAYMENT_DETAIL_FORMS)
    if slug == "cost-details":
        return bool(state.answers.get("expenses"))
    if slug == "receipts":
        return bool(state.needs_receipts())
    return True


def answered(slug, state: ClaimState) -> bool:
    """Whether a step has its answer, so a change from "check your answers" skips it."""
    a = state.answers
    if slug not in a.get("done", []):
        return False
    if slug == "payment-details":
        field = next(iter(forms.PAYMENT_DETAIL_FORMS[a["payment_choice"]].base_fields))
        return a.get(field) not in (None, "")
    if slug == "cost-details":
        return all(
            entry.get("miles" if state.expense_types[entry["type"]].kind
                      == ExpenseType.Kind.MILEAGE else "amount") not in (None, "")
            for entry in a.get("expenses", []) if entry["type"] in state.expense_types)
    if slug == "receipts":
        return not missing_receipts(_lines_or_empty(state), receipt_count=state.receipt_count)
    return True


ALL_DONE = [step.slug for step in STEPS]


def starting_answers(involvement) -> dict:
    """A new claim starts from the time recorded for the activity and the way the person said
    they want to be thanked."""
    from people.selectors import recognition_preference

    return {"hours": str(involvement.hours) if involvement.hours is not None else None,
            "payment_choice": forms.CHOICE_FOR_PREFERENCE.get(
                recognition_preference(involvement.person), Choice.FULL),
            "expenses": [], "done": []}


def step_answers(saved: dict, slug: str, new: dict) -> dict:
    """A step's answers to keep, marking the step done."""
    return {**new, "done": sorted(set(saved.get("done", [])) | {slug})}


def summary(state: ClaimState, receipt_count: int) -> list[tuple[str, str, str]]:
    """(question, answer, step) for "check your answers", for the steps that apply."""
    values = values_from_answers(state.answers)
    rows = []
    if values.activity_type:
        rows.append(("What you did", values.activity_type.name, "activity"))
    if applies("time", state):
        rows.append(("Time", f"{values.hours.normalize():f} hours", "time"))
    if applies("payment", state):
        rows.append(("How you want to be paid",
                     Choice(values.payment_choice).label, "payment"))
    if applies("payment-details", state):
        detail = {Choice.VOUCHERS: str(values.voucher_option or ""),
                  Choice.LESS: f"£{values.less_amount}" if values.less_amount else "",
                  Choice.CHARITY: values.charity_name}[values.payment_choice]
        rows.append(({Choice.VOUCHERS: "Vouchers", Choice.LESS: "Amount you want",
                      Choice.CHARITY: "Charity"}[values.payment_choice],
                     detail or "Not given yet", "payment-details"))
    rows.append(("Costs", ", ".join(e.expense_type.name for e in values.expenses) or "None",
                 "costs"))
    for entry in values.expenses:
        if entry.expense_type.kind == ExpenseType.Kind.MILEAGE:
            said = f"{entry.miles.normalize():f} miles" if entry.miles else "Not given yet"
        else:
            said = f"£{entry.amount}" if entry.amount else "Not given yet"
        if entry.details:
            said += f" ({entry.details})"
        rows.append((entry.expense_type.name, said, "cost-details"))
    if applies("receipts", state):
        rows.append(("Receipts", f"{receipt_count} added" if receipt_count else "None yet",
                     "receipts"))
    rows.append(("Anything else", values.notes or "Nothing", "notes"))
    return rows


def _lines_or_empty(state):
    try:
        return work_out_lines(values_from_answers(state.answers), on=state.on)
    except ValidationError:  # an unfinished claim has no lines yet
        return []


def next_step(after: str, state: ClaimState) -> str:
    """The first step after `after` that applies and is not answered yet; else checking."""
    position = [step.slug for step in STEPS].index(after)
    for step in STEPS[position + 1:]:
        if applies(step.slug, state) and not answered(step.slug, state):
            return step.slug
    return CHECK


def previous_step(before: str, state: ClaimState) -> str | None:
    slugs = [step.slug for step in STEPS]
    position = slugs.index(before) if before in slugs else len(slugs)
    for step in reversed(STEPS[:position]):
        if applies(step.slug, state):
            return step.slug
    return None


def form_class(slug, state: ClaimState):
    if slug == "payment-details":
        return forms.PAYMENT_DETAIL_FORMS[state.answers["payment_choice"]]
    return {
        "activity": forms.ActivityForm, "time": forms.TimeForm, "payment": forms.PaymentForm,
        "costs": forms.CostsForm, "cost-details": forms.CostDetailsForm,
        "receipts": forms.ReceiptStepForm, "notes": forms.NotesForm,
    }[slug]


def make_form(slug, state: ClaimState, data=None, files=None):
    cls = form_class(slug, state)
    kwargs = {"answers": state.answers, "on": state.on}
    if cls is forms.CostDetailsForm:
        kwargs["expense_types"] = state.expense_types
    return cls(data, files, **kwargs)
