from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from coproduction.documents import pdf_response, render_pdf
from coproduction.paging import paginate
from coproduction.roles import Role, role_required
from payments import rules, selectors, services
from payments.forms import (
    CHOICE_FOR_PREFERENCE,
    BatchForm,
    ClaimForm,
    DecisionForm,
    PayeeForm,
    PeriodForm,
    ReceiptForm,
    SearchForm,
    initial_for_claim,
)
from payments.models import ActivityType, Claim, PayeeDetails, PaymentBatch, Receipt
from payments.taxyear import tax_year_bounds
from people.models import Involvement, User
from people.selectors import recognition_preference

CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


# --- Access helpers: one per object type (select_related, rule, 404) ---

def claim_for_user(user, pk, rule=rules.can_view_claim) -> Claim:
    claim = get_object_or_404(Claim.objects.select_related(
        "person", "made_by", "decided_by", "voucher_option", "involvement"), pk=pk)
    if not rule(user, claim):
        raise Http404
    return claim


def involvement_for_claim(user, pk) -> Involvement:
    involvement = get_object_or_404(Involvement.objects.select_related("person"), pk=pk)
    if not rules.can_claim_for(user, involvement.person):
        raise Http404
    return involvement


def receipt_for_user(user, pk) -> Receipt:
    receipt = get_object_or_404(Receipt.objects.select_related("claim"), pk=pk)
    if not rules.can_view_receipt(user, receipt):
        raise Http404
    return receipt


# --- The public policy ---

@require_safe
def policy(request):
    return render(request, "payments/policy.html", {"policy": selectors.policy_on()})


@require_safe
def policy_easy_read(request):
    return render(request, "payments/policy_easy_read.html", {"policy": selectors.policy_on()})


# --- Claims ---

@require_safe
@role_required(Role.MEMBER)
def claim_list(request):
    return render(request, "payments/claim_list.html", {
        "page": paginate(request, selectors.claims_for_person(request.user)),
        "to_claim": list(selectors.involvements_to_claim(request.user)[:20]),
        "totals": selectors.person_totals(request.user),
    })


def _claim_form_page(request, *, person, on, claim=None, involvement=None):
    """The claim form for a new claim (involvement) or a draft or returned one (claim)."""
    action = request.POST.get("action", "calculate")
    receipt_count = claim.receipts.count() if claim else 0
    if request.method == "POST":
        form = ClaimForm(request.POST, request.FILES, on=on, receipt_count=receipt_count,
                         submitting=action == "submit")
        if form.is_valid() and action in ("save", "submit"):
            try:
                if claim is None:
                    claim = services.claim_create(
                        involvement=involvement, made_by=request.user, values=form.values(),
                        receipts=form.receipts(), submit=action == "submit")
                else:
                    claim = services.claim_update(
                        claim=claim, by=request.user, values=form.values(),
                        receipts=form.receipts(), submit=action == "submit")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Claim sent. We will tell you when it is approved."
                                 if action == "submit" else "Claim saved as a draft.")
                return redirect("payments:claim_detail", pk=claim.pk)
    else:
        if claim is not None:
            initial = initial_for_claim(claim)
        else:
            initial = {"hours": involvement.hours,
                       "activity_type": ActivityType.objects.filter(
                           active=True, is_paid=True).values_list("pk", flat=True).first(),
                       "payment_choice": CHOICE_FOR_PREFERENCE.get(
                           recognition_preference(person), Claim.PaymentChoice.FULL)}
        form = ClaimForm(initial=initial, on=on, receipt_count=receipt_count)
    adding = services.totals_by_category(form.lines) if form.lines else {}
    # A draft or returned claim is not counted yet: the totals show it added.
    return render(request, "payments/claim_form.html", {
        "form": form, "claim": claim, "involvement": involvement, "person": person,
        "on": on, "preference": recognition_preference(person),
        "totals": selectors.person_totals(person, on=on, adding=adding),
        "lines": form.lines, "total": sum((line.amount for line in form.lines), 0),
        "policy_json": selectors.policy_json(selectors.policy_on(on)),
        "on_behalf": person.pk != request.user.pk,
    })


@role_required(Role.MEMBER)
def claim_new(request, involvement_pk):
    involvement = involvement_for_claim(request.user, involvement_pk)
    if involvement.claims.exclude(status=Claim.Status.REJECTED).exists():
        messages.info(request, "There is already a claim for this.")
        return redirect("payments:claim_list")
    return _claim_form_page(request, person=involvement.person, involvement=involvement,
                            on=timezone.localdate(involvement.starts_at))


@role_required(Role.MEMBER)
def claim_edit(request, pk):
    claim = claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    return _claim_form_page(request, person=claim.person, claim=claim, on=claim.activity_date)


def _detail(request, claim, *, receipt_form=None, status=200):
    lines = list(claim.lines.all())
    return render(request, "payments/claim_detail.html", {
        "claim": claim,
        "lines": lines, "total": sum((line.amount for line in lines), 0),
        "receipts": list(claim.receipts.all()),
        "events": list(claim.events.select_related("by")),
        "can_edit": rules.can_edit_claim(request.user, claim),
        "can_decide": rules.can_decide_claim(request.user, claim)
        and claim.status == Claim.Status.SUBMITTED,
        "form": receipt_form,
        "receipt_form": receipt_form or ReceiptForm(),
    }, status=status)


@require_safe
@role_required(Role.MEMBER)
def claim_detail(request, pk):
    return _detail(request, claim_for_user(request.user, pk))


@require_POST
@role_required(Role.MEMBER)
def claim_submit(request, pk):
    claim = claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    try:
        services.claim_submit(claim=claim, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Claim sent. We will tell you when it is approved.")
    return redirect("payments:claim_detail", pk=claim.pk)


@require_POST
@role_required(Role.MEMBER)
def receipt_add(request, pk):
    claim = claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, claim, receipt_form=form)
    services.receipt_add(claim=claim, by=request.user, uploaded=form.cleaned_data["receipt"])
    messages.success(request, "Receipt added.")
    return redirect("payments:claim_detail", pk=claim.pk)


@require_safe
@role_required(Role.MEMBER)
def receipt(request, pk):
    receipt = receipt_for_user(request.user, pk)
    response = FileResponse(receipt.file.open("rb"), content_type=CONTENT_TYPES[receipt.kind])
    extension = {"jpeg": "jpg"}.get(receipt.kind, receipt.kind)
    response["Content-Disposition"] = f'inline; filename="receipt-{receipt.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.MEMBER)
def letter(request):
    """A letter listing a member's involvement payments in a period, for a benefits adviser."""
    start, end = tax_year_bounds(timezone.localdate())
    form = PeriodForm(request.POST or None,
                      initial={"start": start.strftime("%d/%m/%Y"),
                               "end": min(end, timezone.localdate()).strftime("%d/%m/%Y")})
    if request.method == "POST" and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        lines = selectors.payment_lines_for_letter(request.user, start, end)
        pdf = render_pdf("payments/letter_pdf.html", {
            "person": request.user, "start": start, "end": end, "lines": lines,
            "total": sum((line.amount for line in lines), 0), "today": timezone.localdate(),
        })
        return pdf_response(pdf, f"involvement-payments-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
    return render(request, "payments/letter.html", {"form": form})


# --- Staff: approval and claiming for someone ---

@require_safe
@role_required(Role.STAFF)
def approvals(request):
    return render(request, "payments/approvals.html",
                  {"page": paginate(request, selectors.claims_awaiting_approval())})


@role_required(Role.STAFF)
def claim_review(request, pk):
    claim = claim_for_user(request.user, pk)
    if claim.status != Claim.Status.SUBMITTED:
        messages.info(request, "This claim is not waiting for a decision.")
        return redirect("payments:claim_detail", pk=claim.pk)
    if not rules.can_decide_claim(request.user, claim):
        raise PermissionDenied("You cannot decide a claim you made or that pays you.")
    form = DecisionForm(request.POST or None)
    lines = list(claim.lines.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_decide(claim=claim, by=request.user,
                                  decision=form.cleaned_data["decision"],
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Decision saved for {claim.person}.")
            return redirect("payments:approvals")
    return render(request, "payments/claim_review.html", {
        "form": form, "claim": claim, "lines": lines,
        "total": sum((line.amount for line in lines), 0),
        "receipts": list(claim.receipts.all()),
        "totals": selectors.person_totals(claim.person, on=claim.activity_date),
    })


@require_safe
@role_required(Role.STAFF)
def on_behalf(request):
    form = SearchForm(request.GET or None)
    people = None
    if form.is_valid() and form.cleaned_data["q"]:
        people = paginate(request, selectors.people_with_involvements(form.cleaned_data["q"]))
    return render(request, "payments/on_behalf.html", {"search_form": form, "page": people})


@require_safe
@role_required(Role.STAFF)
def on_behalf_person(request, person_pk):
    person = get_object_or_404(User, pk=person_pk)
    return render(request, "payments/on_behalf_person.html", {
        "person": person, "to_claim": list(selectors.involvements_to_claim(person)[:50]),
        "totals": selectors.person_totals(person),
    })


# --- Finance ---

@role_required(Role.FINANCE)
def finance_claims(request):
    ready = selectors.claims_ready_to_batch()
    form = BatchForm(request.POST or None, ready=ready)
    if request.method == "POST" and form.is_valid():
        chosen = None if "all" in request.POST else [c.pk for c in form.cleaned_data["claims"]]
        if chosen == []:
            form.add_error("claims", "Select at least one claim, or pay all of them")
        else:
            try:
                batch = services.batch_create(by=request.user, claim_ids=chosen)
            except ValidationError as error:
                form.add_error("claims", error)
            else:
                messages.success(request, f"Batch {batch.pk} made: download its file below.")
                return redirect("payments:batch_detail", pk=batch.pk)
    return render(request, "payments/finance_claims.html",
                  {"form": form, "page": paginate(request, ready)})


@require_safe
@role_required(Role.FINANCE)
def batch_list(request):
    return render(request, "payments/batch_list.html",
                  {"page": paginate(request, selectors.batches())})


@require_safe
@role_required(Role.FINANCE)
def batch_detail(request, pk):
    batch = get_object_or_404(selectors.batches(), pk=pk)
    return render(request, "payments/batch_detail.html",
                  {"batch": batch, "claims": list(selectors.batch_claims(batch))})


@require_safe
@role_required(Role.FINANCE)
def batch_csv(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    response = HttpResponse(bytes(batch.csv), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.filename}"'
    return response


@require_POST
@role_required(Role.FINANCE)
def batch_paid(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    services.batch_mark_paid(batch=batch, by=request.user)
    messages.success(request, f"Batch {batch.pk} marked paid. We have told the people in it.")
    return redirect("payments:batch_detail", pk=batch.pk)


@require_safe
@role_required(Role.FINANCE)
def payee_list(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    return render(request, "payments/payee_list.html",
                  {"search_form": form, "page": paginate(request, selectors.people_for_payees(q))})


@role_required(Role.FINANCE)
def payee_edit(request, person_pk):
    person = get_object_or_404(User.objects.select_related("payee"), pk=person_pk)
    current = PayeeDetails.objects.filter(person=person).first()
    form = PayeeForm(request.POST or None, person=person,
                     initial={"reference": current.reference if current else ""})
    if request.method == "POST" and form.is_valid():
        services.payee_set(person=person, by=request.user,
                           reference=form.cleaned_data["reference"])
        messages.success(request, f"Payee reference saved for {person}.")
        return redirect("payments:payee_list")
    return render(request, "payments/payee_edit.html", {"form": form, "person": person})


# --- Admin ---

@require_safe
@role_required(Role.ADMIN)
def policy_admin(request):
    return render(request, "payments/policy_admin.html", {"policy": selectors.policy_on()})
