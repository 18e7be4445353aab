from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from coproduction.dashboards import kept, selectors
from coproduction.dashboards.filters import filters_from
from coproduction.documents import csv_response, pdf_response, render_pdf
from coproduction.roles import Role, role_required
from people.models import StaffAccess
from people.services import audit_record

PAGE_SLUGS = list(selectors.PAGES)
# Who sees the dashboards: Our Voice, staff and admins. Members see their own.
DASHBOARD_ROLES = (Role.OUR_VOICE, Role.STAFF, Role.ADMIN)
PAGE_TITLES = {
    "growth": ("Growth", "Is co-production growing, and moving up the ladder?"),
    "listening": ("Listening", "Are we listening, and answering what we hear?"),
    "reach": ("Reach and representation", "Are we reaching everyone?"),
    "experience": ("Experience", "How did taking part feel?"),
    "recognition": ("Recognition", "Are people paid and thanked quickly?"),
}


def _page(request, slug):
    if slug not in selectors.PAGES:
        raise Http404
    form, filters = filters_from(request.GET)
    query = urlencode(filters.query())
    # The same figures for everyone who may see them: kept per filter set (dashboards.kept).
    page = kept.figures(slug, filters)
    return form, page, query


@require_safe
@role_required(*DASHBOARD_ROLES)
def index(request):
    return render(request, "dashboards/index.html", {"titles": PAGE_TITLES})


def page_view(slug):
    @require_safe
    @role_required(*DASHBOARD_ROLES)
    def view(request):
        form, page, query = _page(request, slug)
        return render(request, "dashboards/page.html", {
            "form": form, "page": page, "query": query, "titles": PAGE_TITLES})

    view.__name__ = f"{slug}_page"
    return view


@require_safe
@role_required(*DASHBOARD_ROLES)
def print_version(request, slug):
    """The page for printing, or as a PDF (?format=pdf) for the group's meeting papers."""
    _form, page, query = _page(request, slug)
    context = {"page": page, "query": query, "made_on": timezone.localdate()}
    if request.GET.get("format") == "pdf":
        audit_record(actor=request.user, action=StaffAccess.Action.EXPORTED,
                     object_type="dashboard", object_id=f"{slug} (PDF)")
        return pdf_response(render_pdf("dashboards/page_pdf.html", context),
                            f"dashboard-{slug}.pdf")
    return render(request, "dashboards/page_print.html", context)


@require_safe
@role_required(*DASHBOARD_ROLES)
def table_csv(request, slug, table):
    _form, page, _query = _page(request, slug)
    found = page.table(table)
    if found is None:
        raise Http404
    # Aggregates only, but a download all the same: the trail lists every one.
    audit_record(actor=request.user, action=StaffAccess.Action.EXPORTED,
                 object_type="dashboard", object_id=f"{slug}/{table}")
    return csv_response(f"{slug}-{table}-{page.filters.start}-to-{page.filters.end}.csv",
                        found.columns, found.rows)


@require_safe
@role_required(Role.MEMBER)
def mine(request):
    return render(request, "dashboards/mine.html", selectors.member_dashboard(request.user))
