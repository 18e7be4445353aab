"""Times every list, dashboard and report page (and the PDFs), as the role that uses it, on
whatever database the settings point at (issue 13): the status, the number of queries, the
median server time of N requests, the database time within it and the size of the response,
beside a trivial template page (the cookies page) measured in the same run.

    python manage.py generate_scale --size county     # first, on a database of its own
    python manage.py benchmark_pages --repeat 5

Requests go through the whole middleware stack in this process (Django's test client), after
one request to warm up. Server time is the wall-clock time of the request; database time is
the time spent inside the database driver. No page is changed: every request is a GET, but for
the payments letter, which is a POST that only makes a PDF.
"""

import statistics
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

BUDGET_MS = {"county": 100, "national": 300}


@dataclass
class Page:
    label: str
    role: str
    url: str
    method: str = "get"
    data: dict = field(default_factory=dict)


class QueryTimer:
    """connection.execute_wrapper: counts queries and adds up their time."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def _first(queryset):
    value = queryset.first()
    if value is None:
        raise CommandError(f"No {queryset.model._meta.verbose_name} in this database: run "
                           "`manage.py generate_scale` first.")
    return value


class Command(BaseCommand):
    help = "Times every list, dashboard and report page as the role that uses it."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5, help="requests per page (median)")
        parser.add_argument("--only", default="", help="only pages whose label contains this")
        parser.add_argument("--no-cache", action="store_true",
                            help="measure the work behind kept pages (public pages, dashboards)")
        parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF pages")
        parser.add_argument("--budget", choices=sorted(BUDGET_MS), default="county")

    def handle(self, *args, repeat, only, budget, no_pdf, no_cache, **options):
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False,
                               REQUIRE_STAFF_SECOND_FACTOR=False, DEBUG=False,
                               **({"PUBLIC_PAGE_CACHE_SECONDS": 0, "DASHBOARD_CACHE_SECONDS": 0}
                                  if no_cache else {}),
                               STORAGES={**settings.STORAGES, "staticfiles": {
                                   "BACKEND": "django.contrib.staticfiles.storage."
                                              "StaticFilesStorage"}}):
            self.run(repeat, only, BUDGET_MS[budget], no_pdf)

    def actors(self):
        from people.models import Involvement, User

        actors = {"visitor": None}
        for role, email in [("Our Voice", "ourvoice@example.org"), ("staff", "staff@example.org"),
                            ("finance", "finance@example.org"), ("admin", "admin@example.org")]:
            actors[role] = _first(User.objects.filter(email=email))
        # The busiest member: the one whose pages have the most to show.
        busiest = _first(Involvement.objects.values("person").annotate(n=Count("pk"))
                         .order_by("-n", "person"))
        actors["member"] = User.objects.get(pk=busiest["person"])
        return actors

    def pages(self, member):
        from listening.models import Event
        from payments.models import Claim, PaymentBatch
        from people.models import Topic
        from projects.models import Membership, Project, Status
        from projects.models import Session as Meeting

        project = _first(Project.objects.public().filter(sessions__isnull=False).annotate(
            n=Count("memberships", distinct=True)).order_by("-n", "pk"))
        event = _first(Event.objects.annotate(n=Count("feedback")).order_by("-n", "pk"))
        meeting = _first(Meeting.objects.filter(project=project).order_by("pk"))
        topic = _first(Topic.objects.order_by("pk"))
        batch = _first(PaymentBatch.objects.order_by("-claim_count", "pk"))
        claim = _first(Claim.objects.filter(person=member).order_by("pk"))
        finished = Membership.objects.filter(person=member, project__status__in=[
            Status.EVALUATING, Status.CLOSED]).values_list("project", flat=True).first()
        today = timezone.localdate()
        letter = {"start": (today - timedelta(days=365)).strftime("%d/%m/%Y"),
                  "end": today.strftime("%d/%m/%Y")}

        def url(name, *args, query=""):
            path = reverse(name, args=args)
            return f"{path}?{query}" if query else path

        pages = [
            Page("baseline: trivial template page", "visitor", url("cookies")),
            Page("home", "visitor", url("home")),
            Page("project list", "visitor", url("projects:list")),
            Page("project list, one topic", "visitor",
                 url("projects:list", query=f"topic={topic.slug}")),
            Page("project page", "visitor", url("projects:detail", project.pk)),
            Page("event list", "visitor", url("listening:event_list")),
            Page("event list, past", "visitor", url("listening:event_list", query="when=past")),
            Page("You said, we did", "visitor", url("listening:you_said_we_did")),
            Page("You said, we did, one topic", "visitor",
                 url("listening:you_said_we_did", query=f"topic={topic.pk}")),
            Page("You said, we did: one event", "visitor",
                 url("listening:event_report", event.pk)),
            Page("published reports", "visitor", url("listening:published_reports")),
            Page("how we pay", "visitor", url("payments:policy")),
            Page("member dashboard", "member", url("dashboard")),
            Page("my projects", "member", url("projects:mine")),
            Page("my events and feedback", "member", url("listening:my_listening")),
            Page("my claims", "member", url("payments:claim_list")),
            Page("my claim", "member", url("payments:claim_detail", claim.pk)),
            Page("my figures (dashboard)", "member", url("dashboards:mine")),
            Page("my data", "member", url("people:my_data")),
            Page("my data (JSON download)", "member", url("people:my_data", query="format=json")),
            Page("payments letter (PDF)", "member", url("payments:letter"), "post", letter),
            Page("Our Voice home", "Our Voice", url("our_voice")),
            Page("review queue", "Our Voice", url("projects:review_queue")),
            Page("dashboards index", "Our Voice", url("dashboards:index")),
        ]
        if finished:
            pages.append(Page("certificate (PDF)", "member",
                              url("projects:certificate", finished)))
        from coproduction.dashboards.views import PAGE_SLUGS

        pages += [Page(f"dashboard: {slug}", "Our Voice", url(f"dashboards:{slug}"))
                  for slug in PAGE_SLUGS]
        pages += [Page("dashboard: growth (PDF)", "Our Voice",
                       url("dashboards:print", "growth"))]
        pages += [
            Page("staff home", "staff", url("staff_home")),
            Page("people bank search", "staff", url("people:bank_search")),
            Page("people bank search, a name", "staff",
                 url("people:bank_search", query=f"q={member.name.split()[0]}")),
            Page("people bank: one person", "staff", url("people:bank_person", member.pk)),
            Page("equality totals", "staff", url("people:equality_totals")),
            Page("feedback list, themes", "staff", url("listening:feedback_list")),
            Page("themes", "staff", url("listening:theme_list")),
            Page("commitments", "staff", url("listening:commitment_list")),
            Page("new commitment form", "staff", url("listening:commitment_create")),
            Page("new event form", "staff", url("listening:event_create")),
            Page("add feedback form", "staff", url("listening:feedback_add")),
            Page("reports", "staff", url("listening:report_list")),
            Page("new report form", "staff", url("listening:report_request")),
            Page("easy-read builder", "staff", url("listening:easy_read_builder")),
            Page("event attendance", "staff", url("listening:event_attendance", event.pk)),
            Page("interest review", "staff", url("projects:interest_review", project.pk)),
            Page("meeting attendance", "staff", url("projects:attendance", meeting.pk)),
            Page("new project form", "staff", url("projects:create")),
            Page("claim approvals", "staff", url("payments:approvals")),
            Page("claim for someone", "staff", url("payments:on_behalf")),
            Page("a member's claims", "staff", url("payments:person_claims", member.pk)),
            Page("finance home", "finance", url("finance_home")),
            Page("claims to pay", "finance", url("payments:finance_claims")),
            Page("payment batches", "finance", url("payments:batch_list")),
            Page("payment batch", "finance", url("payments:batch_detail", batch.pk)),
            Page("payment batch file (CSV)", "finance", url("payments:batch_csv", batch.pk)),
            Page("payees", "finance", url("payments:payee_list")),
            Page("admin home", "admin", url("admin_home")),
            Page("people and roles", "admin", url("people:role_list")),
            Page("role changes", "admin", url("people:role_changes")),
            Page("people access log", "admin", url("people:access_log")),
            Page("system status", "admin", url("system_status")),
        ]
        return pages

    def run(self, repeat, only, budget_ms, no_pdf=False):
        actors = self.actors()
        clients = {}
        for role, user in actors.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            clients[role] = client
        pages = [p for p in self.pages(actors["member"]) if only.lower() in p.label.lower()
                 or p.label.startswith("baseline")]
        if no_pdf:
            pages = [p for p in pages if "(PDF)" not in p.label]
        self.stdout.write(f"{connection.vendor}, {repeat} requests a page (median), budget "
                          f"{budget_ms} ms; member: the busiest ({actors['member'].pk}).")
        header = f"{'page':40} {'role':9} {'status':>6} {'queries':>7} {'server ms':>9} " \
                 f"{'db ms':>7} {'KB':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        over = []
        for page in pages:
            client = clients[page.role]
            request = getattr(client, page.method)
            request(page.url, page.data)  # warm up (templates, caches, connections)
            times, db_times = [], []
            for _ in range(repeat):
                timer = QueryTimer()
                with connection.execute_wrapper(timer):
                    start = time.perf_counter()
                    response = request(page.url, page.data)
                    body = b"".join(response) if response.streaming else response.content
                    times.append(time.perf_counter() - start)
                db_times.append(timer.seconds)
            server = statistics.median(times) * 1000
            if server > budget_ms:
                over.append(page.label)
            self.stdout.write(
                f"{page.label[:40]:40} {page.role:9} {response.status_code:>6} "
                f"{timer.count:>7} {server:>9.1f} {statistics.median(db_times) * 1000:>7.1f} "
                f"{len(body) / 1024:>8.1f}")
        self.stdout.write(f"Over {budget_ms} ms: {', '.join(over) if over else 'none'}.")

