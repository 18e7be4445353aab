"""Pages for "You said, we did" reports: staff ask for one and watch it being made, publish
it, and write the easy-read words; everyone reads published reports as web pages and PDFs."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from coproduction.documents import DocumentFormat
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from listening import reports
from listening.access import report_for_user
from listening.models import Commitment, Report, Theme
from listening.report_forms import EasyReadForm, ReportRequestForm

REFRESH_SECONDS = 5


@require_safe
def published_reports(request):
    """The public list: each published report, with its versions side by side."""
    rows = list(Report.objects.published().order_by("-published_at", "title"))
    groups = {}
    for report in rows:
        groups.setdefault(report.title, []).append(report)
    order = DocumentFormat.values  # standard, large print, easy read
    for versions in groups.values():
        versions.sort(key=lambda report: order.index(report.version))
    return render(request, "listening/reports/published.html", {"groups": groups})


@require_safe
def report_page(request, pk):
    """One version of a report as a web page (the PDF is for printing)."""
    report = report_for_user(request.user, pk)
    data = reports.report_data(report)
    versions = _versions(report, public=not _can_see_unpublished(request.user))
    return render(request, "listening/reports/page.html", {
        "report": report, "versions": versions,
        **reports.report_context(data, for_pdf=False)})


@require_safe
def report_download(request, pk):
    report = report_for_user(request.user, pk)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True,
                        filename=f"you-said-we-did-{report.pk}-{report.version}.pdf",
                        content_type="application/pdf")


def _can_see_unpublished(user):
    return user.is_authenticated and (user.has_role(Role.STAFF) or user.has_role(Role.OUR_VOICE))


def _versions(report, *, public):
    """The same report's other versions (same title), newest of each."""
    others = Report.objects.filter(title=report.title, status=Report.Status.DONE)
    if public:
        others = others.filter(is_published=True)
    chosen = {}
    for other in others.order_by("-requested_at", "-pk"):
        chosen.setdefault(other.version, other)
    chosen[report.version] = report
    return [chosen[value] for value in DocumentFormat.values if value in chosen]


# ---------------------------------------------------------------- staff


@require_safe
@role_required(Role.STAFF)
def report_list(request):
    rows = Report.objects.select_related("requested_by").order_by("-requested_at", "-pk")
    return render(request, "listening/reports/list.html", {"page": paginate(request, rows)})


@role_required(Role.STAFF)
def report_request(request):
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = [reports.report_request(
                scope=data["scope"], version=version, requested_by=request.user,
                event=data["event"], project=data["project"], topic=data["topic"],
                area=data["area"], date_from=data["date_from"], date_to=data["date_to"])
                for version in data["versions"]]
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("listening:report_status", pk=made[0].pk)
    themes, commitments = reports.missing_easy_read()
    return render(request, "listening/reports/request.html", {
        "form": form, "missing": len(themes) + commitments.count()})


@require_safe
@role_required(Role.STAFF)
def report_status(request, pk):
    """Refreshes itself (a meta refresh, no JavaScript needed) until every version asked for
    together is ready or has failed."""
    report = get_object_or_404(Report, pk=pk)
    window = timedelta(seconds=10)
    together = list(Report.objects.filter(
        title=report.title, requested_by=report.requested_by,
        requested_at__range=(report.requested_at - window, report.requested_at + window))
        .order_by("pk"))
    if report not in together:
        together.insert(0, report)
    waiting = any(r.status in (Report.Status.QUEUED, Report.Status.RUNNING)
                  and not r.can_try_again for r in together)
    return render(request, "listening/reports/status.html", {
        "report": report, "together": together, "waiting": waiting,
        "refresh_seconds": REFRESH_SECONDS})


@require_POST
@role_required(Role.STAFF)
def report_try_again(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if reports.report_try_again(report=report):
        messages.success(request, "We are making the report again.")
    else:
        messages.info(request, "This report is not waiting to be tried again.")
    return redirect("listening:report_status", pk=report.pk)


@require_POST
@role_required(Role.STAFF)
def report_publish(request, pk):
    report = get_object_or_404(Report, pk=pk)
    publish = request.POST.get("publish") != "no"
    try:
        reports.report_publish(report=report, published=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Report published on “You said, we did”." if publish
                         else "Report taken off “You said, we did”.")
    return redirect("listening:report_list")


# ---------------------------------------------------------------- easy read


@require_safe
@role_required(Role.STAFF)
def easy_read_builder(request):
    """What has no easy-read words yet, each with a link to write them."""
    themes, commitments = reports.missing_easy_read()
    return render(request, "listening/reports/easy_read_builder.html",
                  {"themes": themes, "page": paginate(request, commitments)})


def _easy_read_edit(request, obj, *, kind, heading, said):
    form = EasyReadForm(request.POST or None, initial={
        "easy_read_text": obj.easy_read_text, "easy_read_picture": obj.easy_read_picture})
    if request.method == "POST" and form.is_valid():
        try:
            reports.easy_read_save(obj=obj, text=form.cleaned_data["easy_read_text"],
                                   picture=form.cleaned_data["easy_read_picture"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Easy-read words saved.")
            builder = reverse("listening:easy_read_builder")
            remember(request, form, builder)  # jargon or acronyms, shown there once
            return redirect(builder)
    return render(request, "listening/reports/easy_read_edit.html", {
        "form": form, "kind": kind, "heading": heading, "said": said})


@role_required(Role.STAFF)
def easy_read_theme(request, pk):
    theme = get_object_or_404(Theme, pk=pk)
    return _easy_read_edit(request, theme, kind="theme", heading=theme.name, said="")


@role_required(Role.STAFF)
def easy_read_commitment(request, pk):
    commitment = get_object_or_404(Commitment, pk=pk)
    return _easy_read_edit(request, commitment, kind="commitment",
                           heading=commitment.we_will, said=commitment.you_said)
