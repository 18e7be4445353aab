from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from coproduction.documents import document_format_asked, document_response
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.roles import Role, has_role, role_required
from payments import access, calculation, rules, selectors, services, steps
from payments.forms import (
    BatchForm,
    DecisionForm,
    LetterForm,
    PayeeForm,
    ReceiptForm,
    SearchForm,
    SendForm,
)
from payments.models import Claim, PayeeDetails
from payments.taxyear import tax_year_bounds
from payments.templatetags.money import pounds
from people.models import User
from people.selectors import document_format_for, recognition_preference
from people.services import acted_for_record

CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


# --- The public policy ---

@require_safe
def policy(request):
    return render(request, "payments/policy.html", {"policy": selectors.policy_on()})


@require_safe
def policy_easy_read(request):
    return render(request, "payments/policy_easy_read.html", {"policy": selectors.policy_on()})


@require_safe
def policy_pdf(request):
    """The policy to print, in the reader's own format unless they pick another."""
    version = document_format_asked(request, default=document_format_for(request.user))
    return document_response(request, "payments/policy_pdf.html",
                             {"policy": selectors.policy_on()}, version=version,
                             filename="how-we-pay.pdf")


# --- Claims ---

@require_safe
@role_required(Role.MEMBER)
def claim_list(request):
    return render(request, "payments/claim_list.html", {
        "page": paginate(request, selectors.claims_for_person(request.user)),
        "to_claim": list(selectors.involvements_to_claim(request.user)[:20]),
        "totals": selectors.person_totals(request.user),
    })


# --- Making or changing a claim, step by step (payments.steps) ---

def _state(claim) -> steps.ClaimState:
    return steps.ClaimState.load(claim.answers, on=claim.activity_date,
                                 receipt_count=claim.receipts.count())


def _posted(request):
    # A step with nothing ticked posts nothing, and that is an answer too.
    return request.POST if request.method == "POST" else None


def _step_url(claim, slug):
    if slug == steps.CHECK:
        return reverse("payments:claim_edit", args=[claim.pk])
    return reverse("payments:claim_step", args=[claim.pk, slug])


def _step_page(request, *, slug, form, state, person, claim=None, involvement=None):
    previous = steps.previous_step(slug, state)
    if claim is None:
        back = reverse("payments:on_behalf_person", args=[person.pk]) \
            if person.pk != request.user.pk else reverse("payments:claim_list")
    elif previous is None:
        back = reverse("payments:claim_detail", args=[claim.pk])
    else:
        back = _step_url(claim, previous)
    return render(request, "payments/claim_step.html", {
        "form": form, "step": steps.BY_SLUG[slug], "slug": slug, "claim": claim,
        "involvement": involvement, "person": person, "on": state.on, "back": back,
        "on_behalf": person.pk != request.user.pk,
        "preference": recognition_preference(person) if slug == "payment" else None,
        "rate": state.rate, "needs_receipts": state.needs_receipts(),
        "receipts": list(claim.receipts.all()) if claim and slug == "receipts" else [],
        "so_far": _so_far(state.answers, state.on)
        if claim is not None and slug in SO_FAR_STEPS else None,
    })


@role_required(Role.MEMBER)
def claim_new(request, involvement_pk):
    """The first step of a claim: nothing is saved until it is answered."""
    involvement = access.involvement_for_user(request.user, involvement_pk)
    existing = involvement.claims.exclude(status=Claim.Status.REJECTED).first()
    if existing is not None:
        if rules.can_edit_claim(request.user, existing):
            return redirect("payments:claim_edit", pk=existing.pk)
        messages.info(request, "There is already a claim for this.")
        return redirect("payments:claim_list")
    on = timezone.localdate(involvement.starts_at)
    state = steps.ClaimState.load(steps.starting_answers(involvement), on=on)
    form = steps.make_form("activity", state, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_start(
                involvement=involvement, made_by=request.user,
                answers={**state.answers,
                         **steps.step_answers(state.answers, "activity", form.answers())})
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(_step_url(claim, steps.next_step("activity", _state(claim))))
    return _step_page(request, slug="activity", form=form, state=state,
                      person=involvement.person, involvement=involvement)


@role_required(Role.MEMBER)
def claim_step(request, pk, step):
    claim = access.claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    if step not in steps.BY_SLUG:
        raise Http404
    state = _state(claim)
    if not steps.applies(step, state):
        return redirect(_step_url(claim, steps.next_step(step, state)))
    form = steps.make_form(step, state, _posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data.get("receipt")
        try:
            claim = services.claim_answer(claim=claim, by=request.user,
                                          answers=steps.step_answers(claim.answers, step,
                                                                     form.answers()),
                                          uploaded=uploaded)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if uploaded:
                messages.success(request, "Receipt added.")
            if step == "receipts" and request.POST.get("action") == "upload":
                return redirect(_step_url(claim, step))
            return redirect(_step_url(claim, steps.next_step(step, _state(claim))))
    return _step_page(request, slug=step, form=form, state=state, person=claim.person,
                      claim=claim)


# Steps whose answers change the amounts: they show the claim so far, kept up to date.
SO_FAR_STEPS = {"time", "payment", "payment-details", "costs", "cost-details"}


def _so_far(answers, on) -> dict:
    """The claim's lines and total worked out from `answers`, in words ready to show."""
    try:
        lines = calculation.work_out_lines(calculation.values_from_answers(answers), on=on)
    except ValidationError as error:
        return {"lines": [], "total": "", "problems": error.messages}
    return {"lines": [{"description": line.description, "amount": pounds(line.amount)}
                      for line in lines],
            "total": pounds(calculation.total(lines)), "problems": []}


@require_safe
@role_required(Role.MEMBER)
def claim_so_far(request, pk):
    """The claim's amounts with what is typed on a step (?step=...&field=value...), worked out
    on the server, as JSON for the step page's "Your claim so far" as people type. Saves
    nothing. The arithmetic is payments.calculation's: the browser only shows the result."""
    claim = access.claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    step = request.GET.get("step", "")
    answers = claim.answers
    problems = []
    if step in SO_FAR_STEPS:
        state = _state(claim)
        if steps.applies(step, state):
            form = steps.make_form(step, state, request.GET)
            if form.is_valid():
                answers = {**answers, **form.answers()}
            else:
                problems = [message for messages in form.errors.values()
                            for message in messages]
    so_far = _so_far(answers, claim.activity_date)
    if problems:
        so_far = {"lines": [], "total": "", "problems": problems}
    return JsonResponse(so_far)


@role_required(Role.MEMBER)
def claim_edit(request, pk):
    """Check your answers, then send."""
    claim = access.claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    receipts = list(claim.receipts.all())
    state = steps.ClaimState.load(claim.answers, on=claim.activity_date,
                                  receipt_count=len(receipts))
    form = SendForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_submit(claim=claim, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Claim sent. We will tell you when it is approved.")
            return redirect("payments:claim_detail", pk=claim.pk)
    lines, problems = [], []
    try:
        lines = calculation.work_out_lines(calculation.values_from_answers(claim.answers),
                                           on=claim.activity_date)
    except ValidationError as error:
        problems = error.messages
    missing = calculation.missing_receipts(lines, receipt_count=len(receipts))
    amounts = calculation.amounts(lines)
    return render(request, "payments/claim_check.html", {
        "form": form, "claim": claim, "person": claim.person,
        "on_behalf": claim.person_id != request.user.pk,
        "rows": [(question, answer, _step_url(claim, slug))
                 for question, answer, slug in steps.summary(state, len(receipts))],
        "lines": lines, "total": amounts.total, "problems": problems, "missing": missing,
        # A draft or returned claim is not counted yet: the totals show it added.
        "totals": selectors.person_totals(claim.person, on=claim.activity_date,
                                          adding=amounts.by_category),
    })


def _detail(request, claim, *, receipt_form=None, status=200):
    lines = list(claim.lines.all())
    return render(request, "payments/claim_detail.html", {
        "claim": claim,
        "lines": lines, "total": calculation.total(lines),
        "receipts": list(claim.receipts.all()),
        "events": list(claim.events.select_related("by")),
        "can_edit": rules.can_edit_claim(request.user, claim),
        "can_decide": rules.can_decide_claim(request.user, claim)
        and claim.status == Claim.Status.SUBMITTED,
        "cannot_decide": rules.why_cannot_decide(request.user, claim)
        if claim.status == Claim.Status.SUBMITTED and has_role(request.user, Role.STAFF)
        else "",
        "form": receipt_form,
        "receipt_form": receipt_form or ReceiptForm(),
    }, status=status)


@require_safe
@role_required(Role.MEMBER)
def claim_detail(request, pk):
    return _detail(request, access.claim_for_user(request.user, pk))


@require_POST
@role_required(Role.MEMBER)
def receipt_add(request, pk):
    claim = access.claim_for_user(request.user, pk, rule=rules.can_edit_claim)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, claim, receipt_form=form)
    services.receipt_add(claim=claim, by=request.user, uploaded=form.cleaned_data["receipt"])
    messages.success(request, "Receipt added.")
    return redirect("payments:claim_detail", pk=claim.pk)


@require_safe
@role_required(Role.MEMBER)
def receipt(request, pk):
    receipt = access.receipt_for_user(request.user, pk)
    response = FileResponse(receipt.file.open("rb"), content_type=CONTENT_TYPES[receipt.kind])
    extension = {"jpeg": "jpg"}.get(receipt.kind, receipt.kind)
    response["Content-Disposition"] = f'inline; filename="receipt-{receipt.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.MEMBER)
def letter(request):
    return _letter(request, request.user)


@role_required(Role.MEMBER)
def person_letter(request, person_pk):
    """The same letter, got by staff or finance for a member (who may not use the portal)."""
    return _letter(request, access.person_for_user(request.user, person_pk))


def _letter(request, person):
    """A letter listing a member's involvement payments in a period, for a benefits adviser:
    what was paid, by the date it was paid, and what is approved and not paid yet. In the
    member's own format unless another is chosen."""
    start, end = tax_year_bounds(timezone.localdate())
    form = LetterForm(request.POST or None,
                      initial={"start": start.strftime("%d/%m/%Y"),
                               "end": min(end, timezone.localdate()).strftime("%d/%m/%Y"),
                               "document_format": document_format_for(person)})
    if request.method == "POST" and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        lines = selectors.payment_lines_for_letter(person, start, end)
        acted_for_record(actor=request.user, person=person,
                         what=f"Made their payments letter for {start:%-d %B %Y} to "
                              f"{end:%-d %B %Y}")
        context = {
            "person": person, "start": start, "end": end, "paid": lines.paid,
            "waiting": lines.waiting, "total": calculation.total(lines.paid),
            "waiting_total": calculation.total(lines.waiting), "today": timezone.localdate(),
        }
        return document_response(
            request, "payments/letter_pdf.html", context,
            version=form.cleaned_data["document_format"],
            filename=f"involvement-payments-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
    return render(request, "payments/letter.html", {
        "form": form, "person": person, "for_someone": person.pk != request.user.pk})


@require_safe
@role_required(Role.MEMBER)
def person_claims(request, person_pk):
    """A member's claims and totals, for staff and finance (from the member's profile)."""
    person = access.person_for_user(request.user, person_pk)
    if person.pk == request.user.pk:
        return redirect("payments:claim_list")
    return render(request, "payments/person_claims.html", {
        "person": person,
        "page": paginate(request, selectors.claims_for_person(person)),
        "totals": selectors.person_totals(person),
        "can_claim_for": rules.can_claim_for(request.user, person),
    })


# --- Staff: approval and claiming for someone ---

@require_safe
@role_required(Role.STAFF)
def approvals(request):
    return render(request, "payments/approvals.html",
                  {"page": paginate(request, selectors.claims_awaiting_approval())})


@role_required(Role.STAFF)
def claim_review(request, pk):
    claim = access.claim_for_user(request.user, pk)
    if claim.status != Claim.Status.SUBMITTED:
        messages.info(request, "This claim is not waiting for a decision.")
        return redirect("payments:claim_detail", pk=claim.pk)
    lines = list(claim.lines.all())
    context = {
        "claim": claim, "lines": lines, "total": calculation.total(lines),
        "receipts": list(claim.receipts.all()),
        "totals": selectors.person_totals(claim.person, on=claim.activity_date),
    }
    if not rules.can_decide_claim(request.user, claim):
        # Separation of duties: show the claim, why they cannot decide it and who can.
        if request.method == "POST":
            raise PermissionDenied("You cannot decide a claim you made or that pays you.")
        return render(request, "payments/claim_review.html", {
            **context, "cannot_decide": rules.why_cannot_decide(request.user, claim),
            "deciders": selectors.staff_who_can_decide(claim)}, status=403)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_decide(claim=claim, by=request.user,
                                  decision=form.cleaned_data["decision"],
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Decision saved for {claim.person}.")
            return redirect("payments:approvals")
    return render(request, "payments/claim_review.html", {**context, "form": form})


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
    person = access.person_for_user(request.user, person_pk)
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
                add_service_error(form, error, field="claims")
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
    batch = access.batch_for_user(request.user, pk)
    return render(request, "payments/batch_detail.html",
                  {"batch": batch, "claims": list(selectors.batch_claims(batch))})


@require_safe
@role_required(Role.FINANCE)
def batch_csv(request, pk):
    batch = access.batch_for_user(request.user, pk)
    response = HttpResponse(services.batch_download(batch=batch, by=request.user),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.filename}"'
    return response


@require_POST
@role_required(Role.FINANCE)
def batch_paid(request, pk):
    batch = access.batch_for_user(request.user, pk)
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
