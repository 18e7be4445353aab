"""'You said, we did' reports: the data (selectors), asking for one and publishing it
(services), and making its PDF once (report_make, called by the thin Celery task
listening.tasks.make_report and by `manage.py make_report`).

One report row is one version (standard, large print or easy read) of one scope (an event, a
project, or the whole department for a period, optionally for one topic or area). All three
versions are drawn from the same data, built here before any template runs: the templates get
plain dataclasses and lists, so rendering runs no queries (tests assert it).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from coproduction import public_cache
from coproduction.documents import DocumentFormat, render_pdf
from listening import pictograms, selectors
from listening.models import (
    REPORT_STALE_AFTER,
    Channel,
    Commitment,
    Event,
    FeedbackItem,
    Registration,
    Report,
)

logger = logging.getLogger(__name__)

STALE_AFTER = REPORT_STALE_AFTER  # a running row older than this was left by a dead worker

TEMPLATES = {
    DocumentFormat.STANDARD: "listening/reports/_standard.html",
    DocumentFormat.LARGE_PRINT: "listening/reports/_large_print.html",
    DocumentFormat.EASY_READ: "listening/reports/_easy_read.html",
}

STATUS_PICTURES = {
    Commitment.Status.PLANNED: "plan",
    Commitment.Status.IN_PROGRESS: "working-on-it",
    Commitment.Status.DONE: "done",
    Commitment.Status.CANT_DO: "cannot",
}
# One idea, at most 15 words each: what the easy-read version says about each status.
EASY_STATUS = {
    Commitment.Status.PLANNED: "We plan to do this.",
    Commitment.Status.IN_PROGRESS: "We are working on this now.",
    Commitment.Status.DONE: "We have done this.",
    Commitment.Status.CANT_DO: "We cannot do this.",
}


# ---------------------------------------------------------------- the data


@dataclass
class Picture:
    name: str
    alt: str
    src: str = ""


@dataclass
class ThemeLine:
    name: str
    count: int
    easy_text: str
    picture: Picture


@dataclass
class CommitmentLine:
    you_said: str
    we_will: str
    status: str
    status_label: str
    due_date: date
    reason: str
    latest_update: str
    latest_update_on: date | None
    easy_text: str
    easy_status: str
    picture: Picture
    status_picture: Picture


@dataclass
class EventLine:
    title: str
    starts_on: date
    attended: int


@dataclass
class ReportData:
    title: str
    scope_label: str
    period: str
    version: str
    item_count: int
    people_count: int
    events: list[EventLine]
    channels: list[tuple[str, int]]
    themes: list[ThemeLine]
    quotes: list[str]
    commitments: list[CommitmentLine]
    status_counts: list[tuple[str, int]]
    contact: dict = field(default_factory=dict)
    made_on: date | None = None
    missing_easy_read: int = 0
    pictures: dict = field(default_factory=dict)  # the fixed ones: listening, phone, letter
    co_hosts: list[str] = field(default_factory=list)  # partner organisations' names

    @property
    def co_hosted_with(self) -> str:
        """'A', 'A and B', 'A, B and C'."""
        if len(self.co_hosts) < 2:
            return "".join(self.co_hosts)
        return f"{', '.join(self.co_hosts[:-1])} and {self.co_hosts[-1]}"


def _picture(name, fallback="information") -> Picture:
    pictogram = pictograms.get(name, fallback)
    return Picture(pictogram.name, pictogram.alt)


def _scoped(*, scope, event=None, project=None, topic=None, area=None, date_from=None,
            date_to=None):
    """(feedback items, commitments, events) for a scope, as querysets."""
    if scope == Report.Scope.EVENT:
        return (FeedbackItem.objects.filter(event=event),
                Commitment.objects.filter(event=event), Event.objects.filter(pk=event.pk))
    if scope == Report.Scope.PROJECT:
        return (FeedbackItem.objects.filter(event__project=project),
                Commitment.objects.filter(event__project=project),
                Event.objects.filter(project=project))
    items, commitments = FeedbackItem.objects.all(), Commitment.objects.all()
    events = Event.objects.all()
    if topic:
        items = items.filter(Q(topic=topic) | Q(event__topics=topic))
        commitments = commitments.filter(Q(topic=topic) | Q(event__topics=topic))
        events = events.filter(topics=topic)
    if area:
        items = items.filter(Q(area=area) | Q(event__areas=area))
        commitments = commitments.filter(Q(area=area) | Q(event__areas=area))
        events = events.filter(areas=area)
    if date_from:
        events = events.filter(starts_at__date__gte=date_from)
    if date_to:
        events = events.filter(starts_at__date__lte=date_to)
    return items, commitments, events


def report_title(*, scope, event=None, project=None, topic=None, area=None, date_from=None,
                 date_to=None) -> str:
    if scope == Report.Scope.EVENT:
        return f"You said, we did: {event.title}"
    if scope == Report.Scope.PROJECT:
        return f"You said, we did: {project.title}"
    parts = ["You said, we did: Adult Social Care"]
    if topic:
        parts.append(str(topic).lower() if str(topic)[:1].isupper() else str(topic))
    if area:
        parts.append(f"in {area}")
    title = ", ".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")
    period = _period(date_from, date_to)
    return f"{title}, {period}" if period else title


def _period(date_from, date_to) -> str:
    if date_from and date_to:
        return f"{date_from:%-d %B %Y} to {date_to:%-d %B %Y}"
    if date_from:
        return f"from {date_from:%-d %B %Y}"
    if date_to:
        return f"up to {date_to:%-d %B %Y}"
    return ""


def _co_hosts(report: Report) -> list[str]:
    """The partner organisations (stories.Partner) that co-hosted the event, or the project
    or any of its events: one query, none for the department."""
    from stories.models import Partner

    if report.scope == Report.Scope.EVENT:
        partners = Partner.objects.filter(events=report.event)
    elif report.scope == Report.Scope.PROJECT:
        partners = Partner.objects.filter(Q(projects=report.project)
                                          | Q(events__project=report.project))
    else:
        return []
    return list(partners.order_by("name").values_list("name", flat=True).distinct())


def report_data(report: Report) -> ReportData:
    """Everything one report shows, loaded now. Builds on the room's selectors
    (event_report, department_report) and adds how we listened and each commitment's latest
    news. A fixed number of queries whatever the number of rows."""
    params = dict(scope=report.scope, event=report.event, project=report.project,
                  topic=report.topic, area=report.area, date_from=report.date_from,
                  date_to=report.date_to)
    if report.scope == Report.Scope.EVENT:
        base = selectors.event_report(report.event)
    elif report.scope == Report.Scope.DEPARTMENT:
        base = selectors.department_report(topic=report.topic, area=report.area,
                                           date_from=report.date_from, date_to=report.date_to)
    else:
        items, commitments, _ = _scoped(**params)
        base = {
            "themes": selectors._themes_counted(items),
            "item_count": items.count(),
            "quotes": list(items.filter(consent_to_quote=True).order_by("-created_at")[:12]),
            "commitments": selectors._commitments_with_timeline(commitments),
        }
    items, _, events = _scoped(**params)
    if report.scope == Report.Scope.DEPARTMENT:
        # Feedback and commitments in the period are counted by when they were made.
        if report.date_from:
            items = items.filter(created_at__date__gte=report.date_from)
        if report.date_to:
            items = items.filter(created_at__date__lte=report.date_to)
    item_ids = items.values("pk")
    commitments = list(base["commitments"])
    channel_counts = dict(FeedbackItem.objects.filter(pk__in=item_ids).values_list("channel")
                          .annotate(n=Count("pk")).values_list("channel", "n"))
    people_count = FeedbackItem.objects.filter(pk__in=item_ids, person__isnull=False) \
        .values("person").distinct().count()
    attended = Q(registrations__status=Registration.Status.CONFIRMED,
                 registrations__attended=True)
    event_lines = [EventLine(e.title, timezone.localtime(e.starts_at).date(), e.n)
                   for e in events.annotate(n=Count("registrations", filter=attended))
                   .order_by("starts_at", "pk")[:50]]
    statuses = {value: 0 for value, _ in Commitment.Status.choices}
    lines = []
    for commitment in commitments:
        statuses[commitment.status] += 1
        updates = list(commitment.updates.all())
        latest = updates[-1] if updates else None
        lines.append(CommitmentLine(
            you_said=commitment.you_said, we_will=commitment.we_will,
            status=commitment.status, status_label=commitment.get_status_display(),
            due_date=commitment.due_date, reason=commitment.reason,
            latest_update=latest.text if latest else "",
            latest_update_on=timezone.localtime(latest.created_at).date() if latest else None,
            easy_text=commitment.easy_read_text.strip(),
            easy_status=EASY_STATUS[commitment.status],
            picture=_picture(commitment.easy_read_picture,
                             STATUS_PICTURES[commitment.status]),
            status_picture=_picture(STATUS_PICTURES[commitment.status])))
    themes = [ThemeLine(theme.name, theme.count, theme.easy_read_text.strip(),
                        _picture(theme.easy_read_picture, "talking"))
              for theme in base["themes"]]
    scope_label = {Report.Scope.EVENT: "One listening event",
                   Report.Scope.PROJECT: "One co-production project",
                   Report.Scope.DEPARTMENT: "Adult Social Care"}[report.scope]
    return ReportData(
        title=report.title, scope_label=scope_label,
        period=_period(report.date_from, report.date_to), version=report.version,
        item_count=base["item_count"], people_count=people_count, events=event_lines,
        channels=[(label, channel_counts[value]) for value, label in Channel.choices
                  if channel_counts.get(value)],
        themes=themes, quotes=[item.text for item in base["quotes"]], commitments=lines,
        status_counts=[(label, statuses[value]) for value, label in Commitment.Status.choices],
        contact={"council": settings.COUNCIL_NAME, "service": settings.SERVICE_NAME,
                 "email": settings.COUNCIL_CONTACT_EMAIL, "phone": settings.COUNCIL_PHONE},
        made_on=timezone.localdate(),
        pictures={name: _picture(name) for name in ("listening", "phone", "letter", "help")},
        co_hosts=_co_hosts(report),
        missing_easy_read=sum(1 for t in themes if not t.easy_text)
        + sum(1 for c in lines if not c.easy_text))


def _pictures(data: ReportData, *, for_pdf: bool):
    """Where each picture is: a path under static/ for WeasyPrint (the URL fetcher allows
    only those), the static URL for the web page."""
    pictures = [*data.pictures.values()]
    for line in [*data.themes, *data.commitments]:
        pictures += [line.picture, getattr(line, "status_picture", None)]
    for picture in filter(None, pictures):
        path = pictograms.get(picture.name).path
        picture.src = path if for_pdf else staticfiles_storage.url(path)
    return data


def report_context(data: ReportData, *, for_pdf: bool) -> dict:
    return {"data": _pictures(data, for_pdf=for_pdf), "for_pdf": for_pdf,
            "body_template": TEMPLATES[data.version]}


def event_report_data(event: Event, version: str) -> ReportData:
    """An event's "what we heard" in one version, for its web page (a report not kept): the
    same data and designs as the event's "You said, we did" report."""
    report = Report(scope=Report.Scope.EVENT, event=event, version=version,
                    title=report_title(scope=Report.Scope.EVENT, event=event))
    return report_data(report)


def commitment_easy_read(commitment: Commitment) -> dict:
    """One commitment in easy read, for its web page: the words staff wrote (or what we
    will do), what is happening in one short sentence, each with its picture."""
    picture = _picture(commitment.easy_read_picture, STATUS_PICTURES[commitment.status])
    status_picture = _picture(STATUS_PICTURES[commitment.status])
    for one in (picture, status_picture):
        one.src = staticfiles_storage.url(pictograms.get(one.name).path)
    return {"text": commitment.easy_read_text.strip(), "picture": picture,
            "status": EASY_STATUS[commitment.status], "status_picture": status_picture}


def report_html(data: ReportData) -> str:
    """The HTML WeasyPrint prints (the benchmark times WeasyPrint alone on this)."""
    from coproduction.documents import document_html

    return document_html("listening/reports/pdf.html", report_context(data, for_pdf=True))


def report_pdf(data: ReportData) -> bytes:
    return render_pdf("listening/reports/pdf.html", report_context(data, for_pdf=True))


# ---------------------------------------------------------------- the easy-read builder


def missing_easy_read():
    """Themes that something said carries, and commitments, with no easy-read words yet: the
    themes as a list, most used first (from the kept theme counts; themes are a short list),
    the commitments as a queryset for the builder to page and the report form to count
    (issue 13: every commitment was loaded to show 50)."""
    themes = [theme for theme in selectors.themes_with_counts()
              if not theme.easy_read_text and theme.item_count]
    commitments = Commitment.objects.filter(easy_read_text="").order_by("due_date", "pk")
    return themes, commitments


def easy_read_problems(text: str) -> list[str]:
    """The easy-read rules staff text must keep: one idea in each sentence, at most 15 words."""
    from coproduction.plain_language import EASY_READ_MAX_WORDS, check_easy_read

    long = [finding for finding in check_easy_read(text) if finding.kind == "long_sentence"]
    if not long:
        return []
    return [f"Keep each sentence to {EASY_READ_MAX_WORDS} words or fewer, with one idea in "
            f"each. This one is too long: “{long[0].words[0]}”"]


@transaction.atomic
def easy_read_save(*, obj, text: str, picture: str):
    """Saves the easy-read words and picture of a theme or a commitment."""
    if picture and picture not in pictograms.catalogue():
        raise ValidationError({"easy_read_picture": "Choose a picture from the list."})
    problems = easy_read_problems(text)
    if problems:
        raise ValidationError({"easy_read_text": problems})
    obj.easy_read_text = text.strip()
    obj.easy_read_picture = picture
    obj.save(update_fields=["easy_read_text", "easy_read_picture"])
    public_cache.bump("listening")  # the kept theme list says which themes lack them
    return obj


# ---------------------------------------------------------------- asking and publishing


@transaction.atomic
def report_request(*, scope: str, version: str, requested_by=None, event=None, project=None,
                   topic=None, area=None, date_from=None, date_to=None,
                   tell_our_voice: bool = False, queue: bool = True) -> Report:
    """Creates the report row and queues the job once the row is committed. Asking again for
    the same report while one is waiting or being made gives that one (never two files)."""
    from listening.tasks import make_report

    if scope != Report.Scope.EVENT:
        event = None
    if scope != Report.Scope.PROJECT:
        project = None
    if scope != Report.Scope.DEPARTMENT:
        topic = area = date_from = date_to = None
    report = Report(scope=scope, version=version, event=event, project=project, topic=topic,
                    area=area, date_from=date_from, date_to=date_to, requested_by=requested_by,
                    tell_our_voice=tell_our_voice)
    report.full_clean(exclude=["title", "request_key"])
    report.request_key = report.make_request_key()
    in_the_making = Report.objects.filter(
        request_key=report.request_key, status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
    same = in_the_making.first()
    if same:
        return same
    report.title = report_title(scope=scope, event=event, project=project, topic=topic,
                                area=area, date_from=date_from, date_to=date_to)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # an identical request got there a moment before
        return in_the_making.get()
    if queue:
        transaction.on_commit(lambda: make_report.delay(report.pk))
    return report


@transaction.atomic
def report_try_again(*, report: Report) -> bool:
    """A failed report (or one whose worker was lost) goes back in the queue."""
    from listening.tasks import make_report

    try:
        with transaction.atomic():
            again = Report.objects.filter(pk=report.pk).filter(
                Q(status=Report.Status.FAILED)
                | Q(status=Report.Status.RUNNING, started_at__lt=timezone.now() - STALE_AFTER)
            ).update(status=Report.Status.QUEUED, reason="")
    except IntegrityError:  # the same report is already being made again
        return False
    if again:
        transaction.on_commit(lambda: make_report.delay(report.pk))
    return bool(again)


@transaction.atomic
def report_publish(*, report: Report, published: bool = True) -> Report:
    if published and report.status != Report.Status.DONE:
        raise ValidationError("Only a report that is ready can be published.")
    Report.objects.filter(pk=report.pk).update(
        is_published=published, published_at=timezone.now() if published else None)
    report.refresh_from_db()
    return report


# ---------------------------------------------------------------- making the file


def report_claim(report_id: int) -> Report | None:
    """Moves the row queued → running; None if another worker has it (or it is done). A row
    left running by a worker that died is claimed again once it is stale."""
    now = timezone.now()
    claimed = Report.objects.filter(pk=report_id).filter(
        Q(status=Report.Status.QUEUED)
        | Q(status=Report.Status.RUNNING, started_at__lt=now - STALE_AFTER)
    ).update(status=Report.Status.RUNNING, started_at=now, reason="", attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Report.objects.select_related("event", "project", "topic", "area").get(pk=report_id)


def report_file_name(report: Report) -> str:
    return f"reports/{report.pk}/you-said-we-did-{report.pk}-{report.version}.pdf"


def report_build(report: Report) -> Report:
    """Builds the data, renders the PDF and stores exactly one file under a name fixed by
    the report, then marks it done. Only the worker holding the claim finishes it."""
    pdf = report_pdf(report_data(report))
    name = report_file_name(report)
    if default_storage.exists(name):  # a run that died after writing: replace, never add
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(pdf))
    done = Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING,
                                 started_at=report.started_at).update(
        status=Report.Status.DONE, file=saved, size=len(pdf), finished_at=timezone.now(),
        reason="")
    if not done:
        logger.warning("report %s was finished by another worker", report.pk)
    report.refresh_from_db()
    return report


def report_requeue(report_id: int) -> None:
    """After a temporary error: back to queued, for the retry to claim."""
    Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
        status=Report.Status.QUEUED)  # Report.MOVES: running → queued


def report_fail(report_id: int, reason: str) -> None:
    Report.objects.filter(pk=report_id,
                          status__in=Report.MOVES.moving_to(Report.Status.FAILED)).update(
        status=Report.Status.FAILED, reason=reason, finished_at=timezone.now())


# ---------------------------------------------------------------- the quarterly report


def last_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter before the one `today` is in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    this_quarter = date(today.year, first_month, 1)
    end = this_quarter - timedelta(days=1)
    start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    return start, end


def quarterly_reports(*, today: date | None = None) -> list[Report]:
    """The department's report for last quarter in all three versions, once per quarter."""
    start, end = last_quarter(today or timezone.localdate())
    reports = []
    for version in DocumentFormat.values:
        existing = Report.objects.filter(scope=Report.Scope.DEPARTMENT, version=version,
                                         date_from=start, date_to=end, topic=None,
                                         area=None).first()
        reports.append(existing or report_request(
            scope=Report.Scope.DEPARTMENT, version=version, date_from=start, date_to=end,
            tell_our_voice=True))
    return reports


def report_tell_our_voice(report: Report) -> int:
    """Tells Our Voice members a quarterly report is ready, linking the version each reads
    (large print or easy read if they said so in their profile). Once per member and
    quarter."""
    from messaging.kinds import Kind
    from people.models import User
    from people.selectors import document_format_for
    from people.services import notify_person

    siblings = {r.version: r for r in Report.objects.filter(
        scope=report.scope, date_from=report.date_from, date_to=report.date_to, topic=None,
        area=None, status=Report.Status.DONE, tell_our_voice=True)}
    if set(siblings) != set(DocumentFormat.values):
        return 0  # told once all three versions are ready
    told = 0
    members = User.objects.filter(is_our_voice=True, is_active=True).select_related("profile")
    for member in members:
        chosen = siblings[document_format_for(member)]
        if notify_person(
                person=member, subject=f"New report: {chosen.title}",
                body="Our report on what people told us, and what we did, is ready. "
                     f"This is the {chosen.get_version_display().lower()} version. The other "
                     "versions are on the same page.",
                url=chosen.get_absolute_url(),
                dedupe_key=f"report:quarterly:{report.date_from:%Y-%m-%d}", kind=Kind.REPORT):
            told += 1
    return told


def report_make_now(**params) -> Report:
    """Asks for a report and makes it here and now, with the job's own code (for the
    make_report command): the row is claimed and built exactly as a worker would."""
    from listening.tasks import make_report

    report = report_request(**params, queue=False)
    make_report.apply(args=[report.pk], throw=False)  # a failure is on the row, with why
    report.refresh_from_db()
    return report
