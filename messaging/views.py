import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from coproduction.documents import pdf_response
from coproduction.paging import paginate
from coproduction.roles import Role, role_required
from messaging import selectors, services
from messaging.forms import CallForm, OutboxFilterForm
from messaging.models import Channel, Delivery

logger = logging.getLogger(__name__)


@role_required(Role.STAFF, Role.ADMIN)
def outbox(request):
    """Every message the portal has sent or would have sent, by every channel."""
    filter_form = OutboxFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    return render(request, "messaging/outbox.html", {
        "filter_form": filter_form,
        "page": paginate(request, selectors.outbox(**{k: v for k, v in filters.items() if v})),
        "channel_counts": selectors.counts_by_channel(),
        "connected": services.notify.connected(),
    })


@role_required(Role.STAFF, Role.ADMIN)
def delivery(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("notification__person"),
                                 pk=pk)
    return render(request, "messaging/delivery.html", {
        "delivery": delivery, "chain": selectors.delivery_chain(delivery),
        "connected": services.notify.connected(),
    })


@role_required(Role.STAFF, Role.ADMIN)
def letter_pdf(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("notification"), pk=pk,
                                 channel=Channel.POST)
    return pdf_response(services.letter_print(delivery=delivery, by=request.user),
                        f"letter-{delivery.pk}.pdf",
                        inline=True)


@role_required(Role.STAFF)
def phone_list(request):
    """People to phone, with what to tell each one."""
    return render(request, "messaging/phone_list.html",
                  {"page": paginate(request, selectors.to_phone(), per_page=25)})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def call(request, pk):
    delivery = get_object_or_404(
        Delivery.objects.select_related("notification__person__profile", "fallback_from"), pk=pk,
        channel=Channel.PHONE)
    form = CallForm(request.POST or None)
    if request.method == "POST" and delivery.is_for_staff and form.is_valid():
        services.call_record(delivery=delivery, outcome=form.cleaned_data["outcome"],
                             by=request.user, note=form.cleaned_data["note"])
        messages.success(request, "Call recorded.")
        return redirect("messaging:phone_list")
    return render(request, "messaging/call.html", {
        "delivery": delivery, "form": form, "chain": selectors.delivery_chain(delivery)})


@csrf_exempt
@require_POST
def notify_callback(request):
    """GOV.UK Notify's delivery receipts. Not a page for people, so no session or role: Notify
    proves who it is with the bearer token set in GOVUK_NOTIFY_CALLBACK_TOKEN (compared in
    constant time), and the request changes nothing but the status of one of our messages."""
    token = settings.GOVUK_NOTIFY_CALLBACK_TOKEN
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return HttpResponse(status=401)
    try:
        receipt = json.loads(request.body)
        notify_id, status = str(receipt["id"]), str(receipt["status"])
    except (ValueError, KeyError, TypeError):
        return HttpResponse("Expected JSON with an id and a status.", status=400)
    delivery = services.receipt_apply(notify_id=notify_id, status=status)
    logger.info("Delivery receipt: %s", "matched" if delivery else "not ours")
    return JsonResponse({"matched": delivery is not None})
