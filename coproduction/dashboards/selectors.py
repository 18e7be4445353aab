"""The figures on each dashboard page. Every number is counted, summed or ranked in the
database (conditional counts, date truncation, window functions); Python only arranges the few
rows that come back into tables and charts. Each page is a fixed handful of queries, however
many projects, people or claims there are (tests/dashboards/test_queries.py)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    Count,
    DateTimeField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    Least,
    Ntile,
    TruncMonth,
    TruncQuarter,
)
from django.utils import timezone

from coproduction.dashboards.charts import Chart, Series
from coproduction.dashboards.filters import Filters
from listening.models import (
    Channel,
    Commitment,
    Event,
    EventKind,
    FeedbackItem,
    GuestMessage,
    Registration,
)
from payments.models import Claim, ClaimLine
from payments.selectors import person_totals
from payments.taxyear import tax_year_bounds
from people.models import (
    Area,
    Consent,
    EqualityAnswers,
    Involvement,
    Notification,
    PopulationFigure,
    Topic,
    User,
)
from people.selectors import equality_counts
from projects.models import (
    Assurance,
    Evaluation,
    Level,
    Membership,
    Project,
    Scale,
    Status,
)

HIDDEN = "Hidden"
ZERO, PENNY = Decimal("0.00"), Decimal("0.01")
UP_THE_LADDER = [Level.CO_DESIGN, Level.CO_PRODUCTION, Level.STRATEGIC]
# Taking part: a meeting or an event someone came to (joining a project is not a visit).
ATTENDING = [Involvement.Kind.PROJECT_SESSION, Involvement.Kind.EVENT]
PAID_STATUSES = [Claim.Status.APPROVED, Claim.Status.BATCHED, Claim.Status.PAID]
EXPERIENCE_QUESTIONS = {
    "listened": "Listened to", "equal": "Treated as an equal", "valued": "Valued",
    "understood": "Understood what was going on", "access_met": "Access needs met",
    "again": "Would do it again"}


@dataclass
class Table:
    """One table of figures: shown on the page, printed, and downloadable as CSV."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Page:
    slug: str
    title: str
    question: str
    summary: str
    filters: Filters
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    made_at: datetime | None = None  # when the figures were worked out (dashboards.kept)

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


# ------------------------------------------------------------------ small helpers


def percent(part, whole) -> Decimal | None:
    """part as a percentage of whole, to one decimal place (a whole number shown as one)."""
    if not whole:
        return None
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return share.quantize(Decimal("1")) if share == share.to_integral_value() else share


def show_percent(value, none: str = "No figure") -> str:
    """A share for a table; `none` where there was nothing to divide by."""
    return none if value is None else f"{value}%"


def month_label(day: date) -> str:
    return f"{day:%b %Y}"


def quarter_label(day: date) -> str:
    return f"{day:%b}–{date(day.year, day.month + 2, 1):%b %Y}"


def as_date(value) -> date:
    """TruncMonth of a date-and-time gives a date-and-time in local time; of a date, a date.
    Through a raw cursor SQLite gives the same as text ("2025-03-01 00:00:00")."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if hasattr(value, "date"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def median(queryset, field_name: str):
    """The median of one annotated value, found by the database: count, then read the one or
    two middle rows in order (two or three small queries, whatever the number of rows)."""
    values = queryset.exclude(**{f"{field_name}__isnull": True})
    count = values.count()
    if not count:
        return None
    ordered = values.order_by(field_name).values_list(field_name, flat=True)
    middle = list(ordered[(count - 1) // 2:count // 2 + 1])
    if len(middle) == 2:
        return (middle[0] + middle[1]) / 2
    return middle[0]


def in_days(duration) -> Decimal | None:
    if duration is None:
        return None
    return (Decimal(duration.total_seconds()) / 86400).quantize(Decimal("0.1"))


def trend_sentence(what: str, first, last, first_label: str, last_label: str,
                   unit: str = "") -> str:
    if first == last:
        return f"{what} stayed at {first}{unit} from {first_label} to {last_label}."
    verb = "rose" if last > first else "fell"
    return f"{what} {verb} from {first}{unit} in {first_label} to {last}{unit} in {last_label}."


# ------------------------------------------------------------------ growth


def growth(f: Filters) -> Page:
    projects = (Project.objects.filter(starts_on__gte=f.start, starts_on__lte=f.end,
                                       is_our_voice_group=False)
                .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN]))
    if f.topic:
        projects = projects.filter(topics=f.topic)
    if f.area:
        projects = projects.filter(areas=f.area)

    # 1. The level mix, by the quarter each project started.
    counted = {(as_date(row["quarter"]), row["level"]): row["n"] for row in
               projects.annotate(quarter=TruncQuarter("starts_on")).order_by()
               .values("quarter", "level").annotate(n=Count("pk"))}
    mix = Table("levels", "New projects by level of involvement, by quarter",
                ["Quarter", *[label for _v, label in Level.choices], "All",
                 "Co-design or higher"])
    shares = []
    for quarter in f.quarters():
        counts = [counted.get((quarter, level), 0) for level in Level.values]
        total = sum(counts)
        higher = sum(counted.get((quarter, level), 0) for level in UP_THE_LADDER)
        share = percent(higher, total)
        shares.append(share)
        mix.rows.append([quarter_label(quarter), *counts, total,
                         "No projects" if share is None else f"{share}%"])

    # 2. By status now.
    by_status = dict(projects.order_by().values_list("status").annotate(n=Count("pk")))
    status_table = Table("status", "Projects by where they are now", ["Status", "Projects"],
                         [[label, by_status.get(value, 0)] for value, label in Status.choices
                          if value not in (Status.DRAFT, Status.WITHDRAWN)])

    # 3. How they were run.
    run = projects.aggregate(
        total=Count("pk"),
        co_chaired=Count("pk", filter=Q(lived_experience_co_chair__isnull=False)),
        assured=Count("pk", filter=Q(assurance__in=[Assurance.ASSURED,
                                                    Assurance.SUGGESTIONS])))
    run_table = Table("how_run", "How projects were run", ["Measure", "Projects", "Share"], [
        ["Co-chaired by a person with lived experience", run["co_chaired"],
         show_percent(percent(run["co_chaired"], run["total"]))],
        ["Assured by Our Voice before starting", run["assured"],
         show_percent(percent(run["assured"], run["total"]))],
        ["All projects", run["total"], "100%" if run["total"] else "No projects"],
    ])

    # 4. Was the level honest? What members said about being involved from the start.
    honest = {row["project__level"]: row for row in
              Evaluation.objects.filter(project__in=projects, from_start__isnull=False)
              .order_by().values("project__level")
              .annotate(answers=Count("pk"), yes=Count("pk", filter=Q(from_start=Scale.YES)))}
    honest_table = Table(
        "from_start", "Were members involved from the start? (their answers, by the level "
        "the project claimed)", ["Level claimed", "Answers", "Said yes", "Share saying yes"])
    for value, label in Level.choices:
        row = honest.get(value, {"answers": 0, "yes": 0})
        honest_table.rows.append([label, row["answers"], row["yes"],
                                  show_percent(percent(row["yes"], row["answers"]),
                                               "No answers")])

    labelled = [(quarter_label(q), s) for q, s in zip(f.quarters(), shares, strict=True)
                if s is not None]
    if len(labelled) >= 2:
        summary = trend_sentence("Projects at co-design or higher", labelled[0][1],
                                 labelled[-1][1], labelled[0][0], labelled[-1][0], "%")
    elif labelled:
        summary = (f"{labelled[0][1]}% of projects that started in {labelled[0][0]} were "
                   "at co-design or higher.")
    else:
        summary = "No projects started in these dates."
    chart = Chart(
        title="Share of new projects at co-design or higher, by quarter",
        description=f"A line chart. {summary} The table below gives every figure.",
        kind="line", categories=[quarter_label(q) for q in f.quarters()],
        series=[Series("Co-design or higher", shares)], unit="%", y_max=100,
        y_label="Share of new projects")
    status_chart = Chart(
        title="Projects by where they are now", kind="bar",
        description="A bar chart of how many projects are at each stage: "
                    + ", ".join(f"{row[0]} {row[1]}" for row in status_table.rows) + ".",
        categories=[row[0] for row in status_table.rows],
        series=[Series("Projects", [row[1] for row in status_table.rows])])
    return Page("growth", "Growth", "Is co-production growing, and is the mix moving up the "
                "ladder?", summary, f, [chart, status_chart],
                [mix, status_table, run_table, honest_table])


# ------------------------------------------------------------------ listening


def _heard_at():
    """When "what we heard" first went to anyone from an event (members or guests)."""
    key = Concat(Value("event:"), Cast(OuterRef("pk"), CharField()), Value(":what-we-heard"))
    to_members = (Notification.objects.filter(dedupe_key=key).order_by()
                  .values("dedupe_key").annotate(first=Min("created_at")).values("first"))
    to_guests = (GuestMessage.objects.filter(registration__event=OuterRef("pk"),
                                             key="what-we-heard").order_by()
                 .values("registration__event").annotate(first=Min("created_at"))
                 .values("first"))
    members = Subquery(to_members, output_field=DateTimeField())
    guests = Subquery(to_guests, output_field=DateTimeField())
    return Least(Coalesce(members, guests), Coalesce(guests, members))


def listening(f: Filters) -> Page:
    events = Event.objects.filter(starts_at__gte=f.starts_at, starts_at__lt=f.ends_before)
    item_filter = {"created_at__gte": f.starts_at, "created_at__lt": f.ends_before,
                   **({"topic": f.topic} if f.topic else {}),
                   **({"area": f.area} if f.area else {})}
    items = FeedbackItem.objects.filter(**item_filter)
    # The same items, from a link table's side: a join, not `IN (every item's id)`.
    of_items = {f"feedbackitem__{lookup}": value for lookup, value in item_filter.items()}
    commitments = Commitment.objects.filter(created_at__gte=f.starts_at,
                                            created_at__lt=f.ends_before)
    if f.topic:
        events = events.filter(topics=f.topic)
        commitments = commitments.filter(topic=f.topic)
    if f.area:
        events = events.filter(areas=f.area)
        commitments = commitments.filter(area=f.area)
    event_ids = events.values("pk")

    kinds = (EventKind.objects.annotate(n=Count("events", filter=Q(events__in=event_ids)))
             .filter(n__gt=0).order_by("-n", "name").values_list("name", "n"))
    kind_table = Table("event_kinds", "Events by kind", ["Kind of event", "Events"],
                       [list(row) for row in kinds])
    areas = (Area.objects.annotate(n=Count("events", filter=Q(events__in=event_ids)))
             .filter(n__gt=0).order_by("-n", "name").values_list("name", "n"))
    area_table = Table("event_areas", "Events by area", ["Area", "Events"],
                       [list(row) for row in areas])

    reached = Registration.objects.filter(event__in=event_ids, attended=True).aggregate(
        visits=Count("pk"), members=Count("person", distinct=True),
        guests=Count("pk", filter=Q(person__isnull=True)))
    reached_table = Table("reached", "People reached at events", ["Measure", "Number"], [
        ["Events", events.count()],
        ["Members who came", reached["members"]],
        ["Guests who came", reached["guests"]],
        ["People reached (members and guests)", reached["members"] + reached["guests"]],
    ])

    # One pass over the feedback in range (issue 13): the total, how many are answered, and
    # the counts by channel and by month are filtered counts of the same rows, not a scan each.
    months = f.months()
    month_starts = [timezone.make_aware(datetime.combine(m, time.min)) for m in months]
    figures = items.aggregate(
        total=Count("pk"),
        **{f"channel_{i}": Count("pk", filter=Q(channel=value))
           for i, value in enumerate(Channel.values)},
        **{f"month_{i}": Count("pk", filter=Q(created_at__gte=start, **(
            {"created_at__lt": month_starts[i + 1]} if i + 1 < len(month_starts) else {})))
           for i, start in enumerate(month_starts)})
    # Answered: counted from the commitments' links (thousands), not a look-up per item.
    answered = {"total": figures["total"], "answered": (
        Commitment.feedback_items.through.objects.filter(**of_items)
        .aggregate(n=Count("feedbackitem", distinct=True))["n"])}
    channel_table = Table("channels", "Feedback by how it came in", ["Channel", "Things said"],
                          [[label, figures[f"channel_{i}"]]
                           for i, (_value, label) in enumerate(Channel.choices)])
    channel_table.rows.append(["All feedback", answered["total"]])
    # Counted on the link table (issue 13): not every theme joined to every item.
    themes = (FeedbackItem.themes.through.objects
              .filter(**of_items).values("theme__name")
              .annotate(n=Count("*")).order_by("-n", "theme__name")
              .values_list("theme__name", "n"))
    theme_table = Table("themes", "Feedback by theme", ["Theme", "Things said"],
                        [list(row) for row in themes])
    share_answered = percent(answered["answered"], answered["total"])

    month_table = Table("feedback_months", "Feedback by month", ["Month", "Things said"],
                        [[month_label(m), figures[f"month_{i}"]] for i, m in enumerate(months)])

    waits = events.annotate(heard_at=_heard_at()).annotate(wait=ExpressionWrapper(
        F("heard_at") - F("ends_at"), output_field=DurationField()))
    median_wait = in_days(median(waits, "wait"))

    now = timezone.now()
    stale = now - timedelta(weeks=settings.LISTENING_COMMITMENT_STALE_WEEKS)
    open_q = Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])
    promised = commitments.aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in Commitment.Status.values},
        overdue=Count("pk", filter=open_q & Q(due_date__lt=now.date())),
        stale=Count("pk", filter=open_q & Q(last_update_at__lt=stale)))
    commitment_table = Table(
        "commitments", "Commitments (\"we will\") by where they are",
        ["Status", "Commitments"],
        [[label, promised[value]] for value, label in Commitment.Status.choices]
        + [["Open and past their due date", promised["overdue"]],
           [f"Open with no news for {settings.LISTENING_COMMITMENT_STALE_WEEKS} weeks",
            promised["stale"]]])
    answer_table = Table("answered", "Is feedback answered?", ["Measure", "Figure"], [
        ["Things said", answered["total"]],
        ["Answered by a commitment", answered["answered"]],
        ["Share answered", show_percent(share_answered)],
        ["Median days from the end of an event to \"what we heard\"",
         "No events told yet" if median_wait is None else median_wait],
    ])

    if answered["total"]:
        summary = (f"{answered['total']} things were said in these dates and "
                   f"{share_answered}% of them have been answered by a commitment.")
    else:
        summary = "Nothing was said in these dates."
    charts = [
        Chart(title="Feedback by month", kind="line",
              description=f"A line chart of how many things people said each month. "
                          f"{summary}", categories=[row[0] for row in month_table.rows],
              series=[Series("Things said", [row[1] for row in month_table.rows])]),
        Chart(title="Commitments by where they are", kind="bar",
              description="A bar chart: " + ", ".join(
                  f"{row[0]} {row[1]}" for row in commitment_table.rows[:4]) + ".",
              categories=[row[0] for row in commitment_table.rows[:4]],
              series=[Series("Commitments", [row[1] for row in commitment_table.rows[:4]])]),
    ]
    return Page("listening", "Listening", "Are we listening, and do we answer what people "
                "tell us?", summary, f, charts,
                [reached_table, kind_table, area_table, month_table, channel_table,
                 theme_table, answer_table, commitment_table])


# ------------------------------------------------------------------ reach


def bank_people(f: Filters):
    """Members in the people bank (consent given and not withdrawn), by topic and area."""
    people = User.objects.filter(
        Exists(Consent.objects.filter(person=OuterRef("pk"), withdrawn_at=None)),
        is_active=True, profile__isnull=False)
    if f.topic:
        people = people.filter(profile__topics=f.topic)
    if f.area:
        people = people.filter(profile__areas=f.area)
    return people


def _attending(f: Filters):
    """Every attendance, ever, of people with the topic and area."""
    visits = Involvement.objects.filter(kind__in=ATTENDING)
    if f.topic:
        visits = visits.filter(person__profile__topics=f.topic)
    if f.area:
        visits = visits.filter(person__profile__areas=f.area)
    return visits


def attendances(f: Filters):
    return _attending(f).filter(starts_at__gte=f.starts_at, starts_at__lt=f.ends_before)


def _over(queryset, select: str, rest: str = "") -> list[tuple]:
    """Runs `SELECT {select} FROM (queryset) grouped {rest}`: a window or a total over rows the
    database has already grouped (the ORM cannot aggregate over a window, nor window over an
    aggregate's alias). The queryset's own SQL and parameters are used unchanged."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM ({sql}) grouped {rest}", params)
        return cursor.fetchall()


def with_running_total(grouped, order: str, value: str) -> list[tuple]:
    """(order, value, running total of value) for each row of a grouped queryset."""
    return _over(grouped, f"grouped.{order}, grouped.{value}, "
                          f"SUM(grouped.{value}) OVER (ORDER BY grouped.{order})",
                 f"ORDER BY grouped.{order}")


def concentration(visits) -> list[dict]:
    """Participants ranked by how often they took part, in ten equal groups (most active
    first, by the NTILE window function), with each group's people and attendances. The
    ranking and the totals are both made in the database."""
    ranked = (visits.order_by().values("person")
              .annotate(n=Count("pk"))
              .annotate(tenth=Window(Ntile(10), order_by=Count("pk").desc())))
    return [{"tenth": tenth, "people": people, "attendances": int(total)}
            for tenth, people, total in _over(
                ranked, "grouped.tenth, COUNT(*), SUM(grouped.n)",
                "GROUP BY grouped.tenth ORDER BY grouped.tenth")]


def _equality_rows(f: Filters, bank, participants):
    """Equality answers of the people bank and of participants, suppressed (people.selectors),
    beside the population figures admins enter."""
    population = {figure.answer: figure.percent for figure in PopulationFigure.objects.all()}
    of_bank = equality_counts(people=bank)
    of_participants = equality_counts(people=participants)
    tables = []
    for index, (field_name, (question, choices)) in enumerate(EqualityAnswers.QUESTIONS.items()):
        bank_rows = of_bank["questions"][index]["rows"] if not of_bank["too_few"] else None
        part_rows = (of_participants["questions"][index]["rows"]
                     if not of_participants["too_few"] else None)
        table = Table(f"equality_{field_name}", question,
                      ["Answer", "People bank", "People bank share", "Took part",
                       "Took part share", "Population share"])
        for position, (value, label) in enumerate(choices):
            cells = [label]
            for rows, total in ((bank_rows, of_bank["total"]),
                                (part_rows, of_participants["total"])):
                count = rows[position]["count"] if rows else None
                cells += [HIDDEN if count is None else count,
                          HIDDEN if count is None else show_percent(percent(count, total))]
            figure = population.get(f"{field_name}.{value}")
            cells.append("Not entered" if figure is None else f"{figure}%")
            table.rows.append(cells)
        tables.append(table)
    return tables, of_bank, of_participants


def _profile_counts(model, bank_ids, part_ids) -> list[tuple]:
    """(name, people bank, took part) for every area or topic, counted over its link to the
    profiles (issue 13: one row per person and area, so no DISTINCT is needed)."""
    return list(model.objects.annotate(
        bank=Count("profiles", filter=Q(profiles__user__in=bank_ids)),
        took_part=Count("profiles", filter=Q(profiles__user__in=part_ids)))
        .order_by("name").values_list("name", "bank", "took_part"))


def reach(f: Filters) -> Page:
    bank = bank_people(f)
    visits = attendances(f)
    threshold = settings.EQUALITY_SUPPRESS_BELOW

    # People bank growth: joined each month, and the running total (a window function).
    consents = Consent.objects.filter(withdrawn_at=None, person__in=bank)
    before = consents.filter(given_at__lt=f.starts_at).count()
    joined = {as_date(month): (n, running) for month, n, running in with_running_total(
        consents.filter(given_at__gte=f.starts_at, given_at__lt=f.ends_before)
        .annotate(month=TruncMonth("given_at")).order_by().values("month")
        .annotate(n=Count("pk")), "month", "n")}
    size_table = Table("bank_size", "People bank: who joined and how many there are",
                       ["Month", "Joined", "People in the bank at the end of the month"])
    running = 0
    for month in f.months():
        n, running = joined.get(month, (0, running))
        size_table.rows.append([month_label(month), n, before + running])

    # First-time and returning participants, per month. A person came for the first time in
    # month m when their first attendance ever and their first one in these dates both fall in
    # m: one pass over attendances grouped by person (issue 13: not a look-up per attendance).
    in_dates = Q(starts_at__gte=f.starts_at, starts_at__lt=f.ends_before)
    first_months = (_attending(f).order_by().values("person")
                    .annotate(ever=TruncMonth(Min("starts_at")),
                              here=TruncMonth(Min("starts_at", filter=in_dates)))
                    .filter(here=F("ever")))
    firsts = {as_date(month): n for month, n in _over(
        first_months, "grouped.here, COUNT(*)", "GROUP BY grouped.here")}
    per_month = {as_date(row["month"]): row["people"] for row in
                 visits.annotate(month=TruncMonth("starts_at")).order_by().values("month")
                 .annotate(people=Count("person", distinct=True))}
    returning_table = Table("first_time", "First-time and returning participants",
                            ["Month", "First time", "Returning", "All who took part"])
    for month in f.months():
        people, first = per_month.get(month, 0), firsts.get(month, 0)
        returning_table.rows.append([month_label(month), first, people - first, people])

    # Usual voices: how concentrated taking part is.
    tenths = concentration(visits)
    total_visits = sum(group["attendances"] for group in tenths)
    total_people = sum(group["people"] for group in tenths)
    top_share = percent(tenths[0]["attendances"], total_visits) if tenths else None
    lorenz = [(Decimal(0), Decimal(0))]
    people_so_far = visits_so_far = 0
    for group in reversed(tenths):  # least active first
        people_so_far += group["people"]
        visits_so_far += group["attendances"]
        lorenz.append((percent(people_so_far, total_people), percent(visits_so_far,
                                                                     total_visits)))
    spread_table = Table(
        "usual_voices", "How taking part is spread (people in ten groups, most active first)",
        ["Group", "People", "Attendances", "Share of all attendances"],
        [[f"Group {group['tenth']}", group["people"], group["attendances"],
          show_percent(percent(group["attendances"], total_visits))] for group in tenths])

    # Where people live and what they care about.
    participants = User.objects.filter(pk__in=visits.values("person"))
    bank_ids, part_ids = bank.values("pk"), participants.values("pk")
    area_rows = _profile_counts(Area, bank_ids, part_ids)
    topic_rows = _profile_counts(Topic, bank_ids, part_ids)
    area_table = Table("areas", "People bank and participants by area",
                       ["Area", "People bank", "Took part"], [list(r) for r in area_rows])
    topic_table = Table("topics", "People bank and participants by topic",
                        ["Topic", "People bank", "Took part"], [list(r) for r in topic_rows])

    equality_tables, of_bank, of_participants = _equality_rows(f, bank, participants)

    size_now = size_table.rows[-1][2] if size_table.rows else before
    if top_share is not None:
        summary = (f"The people bank has {size_now} people; the most active tenth of "
                   f"participants gave {top_share}% of all attendances.")
    else:
        summary = f"The people bank has {size_now} people; nobody took part in these dates."
    charts = [
        Chart(title="People in the bank, by month", kind="line",
              description=f"A line chart of the people bank's size at the end of each month, "
                          f"from {size_table.rows[0][2] if size_table.rows else 0} to "
                          f"{size_now}.",
              categories=[r[0] for r in size_table.rows],
              series=[Series("People bank", [r[2] for r in size_table.rows])]),
        Chart(title="First-time and returning participants, by month", kind="line",
              description="A line chart with two lines: people taking part for the first "
                          "time, and people coming back. The table gives every figure.",
              categories=[r[0] for r in returning_table.rows],
              series=[Series("First time", [r[1] for r in returning_table.rows]),
                      Series("Returning", [r[2] for r in returning_table.rows])]),
        Chart(title="How taking part is spread (a Lorenz curve)", kind="line",
              description="The solid line shows the share of all attendances made by the "
                          "least active people; the dashed straight line is what it would be "
                          "if everyone took part equally. The further apart they are, the "
                          f"more a few usual voices dominate. {summary} The points add up "
                          "the table of ten groups below, from the least active group.",
              categories=[f"{x}%" for x, _y in lorenz], x_values=[float(x) for x, _y in lorenz],
              series=[Series("Attendances", [y for _x, y in lorenz]),
                      Series("Equal share", [x for x, _y in lorenz])],
              unit="%", y_max=100, x_label="Share of participants, least active first"),
    ]
    return Page("reach", "Reach and representation", "Are we reaching everyone, or hearing "
                "the same few voices?", summary, f, charts,
                [size_table, returning_table, spread_table, area_table, topic_table,
                 *equality_tables],
                {"threshold": threshold, "equality_bank_total": of_bank["total"],
                 "equality_participant_total": of_participants["total"],
                 "top_share": top_share})


# ------------------------------------------------------------------ experience


def _yes_counts():
    return {q: Count("pk", filter=Q(**{q: Scale.YES})) for q in EXPERIENCE_QUESTIONS}


def experience(f: Filters) -> Page:
    threshold = settings.EQUALITY_SUPPRESS_BELOW
    answers = Evaluation.objects.filter(submitted_at__gte=f.starts_at,
                                        submitted_at__lt=f.ends_before)
    if f.topic:
        answers = answers.filter(project__in=Project.objects.filter(topics=f.topic))
    if f.area:
        answers = answers.filter(project__in=Project.objects.filter(areas=f.area))

    columns = [*EXPERIENCE_QUESTIONS.values()]
    by_project = (answers.order_by().values("project__title")
                  .annotate(n=Count("pk"), **_yes_counts()).order_by("project__title"))
    project_table = Table(
        "projects", "Share answering \"yes\", by project", ["Project", "Answers", *columns],
        note=f"Projects with fewer than {threshold} answers show no shares, so that no one's "
             "answers can be worked out.")
    for row in by_project:
        if row["n"] < threshold:
            cells = [HIDDEN] * len(columns)
        else:
            cells = [show_percent(percent(row[q], row["n"])) for q in EXPERIENCE_QUESTIONS]
        project_table.rows.append([row["project__title"], row["n"], *cells])

    per_quarter = {as_date(row["quarter"]): row for row in
                   answers.annotate(quarter=TruncQuarter("submitted_at")).order_by()
                   .values("quarter").annotate(n=Count("pk"), **_yes_counts())}
    time_table = Table("quarters", "Share answering \"yes\", by quarter",
                       ["Quarter", "Answers", *columns])
    lines = {q: [] for q in ("listened", "equal", "valued")}
    for quarter in f.quarters():
        row = per_quarter.get(quarter)
        if row is None or row["n"] < threshold:
            time_table.rows.append([quarter_label(quarter), row["n"] if row else 0,
                                    *[HIDDEN if row else "No answers"] * len(columns)])
            for q in lines:
                lines[q].append(None)
            continue
        shares = {q: percent(row[q], row["n"]) for q in EXPERIENCE_QUESTIONS}
        time_table.rows.append([quarter_label(quarter), row["n"],
                                *[show_percent(shares[q]) for q in EXPERIENCE_QUESTIONS]])
        for q in lines:
            lines[q].append(shares[q])

    overall = answers.aggregate(n=Count("pk"), **_yes_counts())
    comments = list(answers.filter(share_comment=True).exclude(comment="")
                    .order_by("-submitted_at").values("comment", "project__title",
                                                      "submitted_at")[:20])
    if overall["n"] >= threshold:
        summary = (f"{percent(overall['listened'], overall['n'])}% of {overall['n']} "
                   "members who answered felt listened to, and "
                   f"{percent(overall['equal'], overall['n'])}% felt treated as an equal.")
    elif overall["n"]:
        summary = f"Fewer than {threshold} members answered in these dates."
    else:
        summary = "Nobody answered the questions about taking part in these dates."
    chart = Chart(title="Feeling listened to, equal and valued, by quarter", kind="line",
                  description=f"A line chart with three lines, one for each question. "
                              f"{summary} The table gives every figure.",
                  categories=[quarter_label(q) for q in f.quarters()],
                  series=[Series(EXPERIENCE_QUESTIONS[q], values)
                          for q, values in lines.items()], unit="%", y_max=100)
    return Page("experience", "Experience", "How did taking part feel?", summary, f, [chart],
                [project_table, time_table], {"comments": comments})


# ------------------------------------------------------------------ recognition


def _activity_keys(f: Filters):
    """The Involvement.activity_key values of projects and events with the topic and area."""
    projects, events = Project.objects.all(), Event.objects.all()
    if f.topic:
        projects, events = projects.filter(topics=f.topic), events.filter(topics=f.topic)
    if f.area:
        projects, events = projects.filter(areas=f.area), events.filter(areas=f.area)
    as_key = {"key": Concat(Value("project:"), Cast("pk", CharField()))}
    return (projects.annotate(**as_key).values("key"),
            events.annotate(key=Concat(Value("event:"), Cast("pk", CharField())))
            .values("key"))


def recognition(f: Filters) -> Page:
    claims = Claim.objects.filter(activity_date__gte=f.start, activity_date__lte=f.end)
    if f.topic or f.area:
        project_keys, event_keys = _activity_keys(f)
        claims = claims.filter(Q(involvement__activity_key__in=project_keys)
                               | Q(involvement__activity_key__in=event_keys))
    lines = ClaimLine.objects.filter(claim__in=claims.filter(status__in=PAID_STATUSES))
    categories = ClaimLine.Category
    money = DecimalField(max_digits=12, decimal_places=2)
    sums = {value: Coalesce(Sum("amount", filter=Q(category=value)), Value(Decimal("0")),
                            output_field=money) for value in categories.values}

    per_month = {as_date(row["month"]): row for row in
                 lines.annotate(month=TruncMonth("claim__activity_date")).order_by()
                 .values("month").annotate(**sums)}
    month_table = Table("months", "Approved payments, vouchers and expenses by month",
                        ["Month", *[f"{label} (£)" for _v, label in categories.choices],
                         "All (£)"])
    for month in f.months():
        row = per_month.get(month, {})
        amounts = [row.get(value, ZERO).quantize(PENNY) for value in categories.values]
        month_table.rows.append([month_label(month), *amounts, sum(amounts, ZERO)])

    per_activity = (lines.order_by().values("claim__activity_title").annotate(**sums)
                    .order_by("claim__activity_title"))
    activity_table = Table("activities", "Approved payments, vouchers and expenses by "
                           "project or event",
                           ["Project or event",
                            *[f"{label} (£)" for _v, label in categories.choices], "All (£)"])
    for row in per_activity:
        amounts = [row[value].quantize(PENNY) for value in categories.values]
        activity_table.rows.append([row["claim__activity_title"], *amounts,
                                    sum(amounts, ZERO)])

    waiting = claims.filter(status=Claim.Status.SUBMITTED).aggregate(
        n=Count("pk"), oldest=Min("submitted_at"))
    paid = claims.filter(status=Claim.Status.PAID, submitted_at__isnull=False,
                         paid_at__isnull=False).annotate(
        took=ExpressionWrapper(F("paid_at") - F("submitted_at"), output_field=DurationField()))
    median_days = in_days(median(paid, "took"))
    speed = {as_date(row["month"]): row for row in
             paid.filter(paid_at__gte=f.starts_at, paid_at__lt=f.ends_before)
             .annotate(month=TruncMonth("paid_at")).order_by().values("month")
             .annotate(n=Count("pk"), average=Avg("took"))}
    speed_table = Table("days_to_pay", "How long paying took, by the month claims were paid",
                        ["Month", "Claims paid", "Average days from sending to paid"])
    for month in f.months():
        row = speed.get(month)
        speed_table.rows.append([month_label(month), row["n"] if row else 0,
                                 in_days(row["average"]) if row else "None paid"])
    oldest_days = ((timezone.now() - waiting["oldest"]).days if waiting["oldest"] else None)
    claims_table = Table("claims", "Claims waiting, and how long paying takes",
                         ["Measure", "Figure"], [
                             ["Claims waiting for approval", waiting["n"]],
                             ["Days the oldest has waited",
                              "None waiting" if oldest_days is None else oldest_days],
                             ["Claims paid", paid.count()],
                             ["Median days from sending a claim to being paid",
                              "None paid yet" if median_days is None else median_days],
                         ])
    total = sum((row[-1] for row in month_table.rows), ZERO)
    summary = (f"£{total:,.2f} was approved for people's time and expenses in these dates; "
               f"{waiting['n']} {'claim is' if waiting['n'] == 1 else 'claims are'} waiting "
               "for approval.")
    speed_chart = Chart(
        title="Average days from sending a claim to being paid, by month", kind="line",
        description="A line chart of how many days paying a claim took on average, for the "
                    "claims paid each month. The table gives every figure.",
        categories=[r[0] for r in speed_table.rows],
        series=[Series("Days to pay", [r[2] if isinstance(r[2], Decimal) else None
                                       for r in speed_table.rows])])
    chart = Chart(title="Approved money each month", kind="line",
                  description="A line chart with two lines: involvement payments and vouchers "
                              f"together, and expenses. {summary}",
                  categories=[r[0] for r in month_table.rows], unit="£",
                  series=[Series("Payments and vouchers", [r[1] + r[2]
                                                           for r in month_table.rows]),
                          Series("Expenses", [r[4] for r in month_table.rows])])
    return Page("recognition", "Recognition", "Are people recognised for their time, "
                "quickly?", summary, f, [chart, speed_chart],
                [month_table, activity_table, claims_table, speed_table])


PAGES = {"growth": growth, "listening": listening, "reach": reach, "experience": experience,
         "recognition": recognition}


# ------------------------------------------------------------------ a member's own


def member_dashboard(person) -> dict:
    """A member's own figures: what they joined, what they said and what happened, their
    hours and money this tax year. A fixed handful of queries."""
    start, end = tax_year_bounds(timezone.localdate())
    memberships = list(Membership.objects.filter(person=person).select_related("project")
                       .order_by("-joined_at")[:10])
    events = list(Registration.objects.filter(person=person, attended=True)
                  .select_related("event").order_by("-event__starts_at")[:10])
    said = list(FeedbackItem.objects.filter(person=person)
                .select_related("event").prefetch_related("commitments")
                .order_by("-created_at")[:10])
    year = Involvement.objects.filter(person=person, starts_at__date__gte=start,
                                      starts_at__date__lte=end)
    hours = year.aggregate(hours=Coalesce(Sum("hours"), Value(Decimal("0")),
                                          output_field=DecimalField(max_digits=8,
                                                                    decimal_places=2)),
                           times=Count("pk", filter=Q(kind__in=ATTENDING)))
    by_month = {as_date(row["month"]): row["hours"] for row in
                year.annotate(month=TruncMonth("starts_at")).order_by().values("month")
                .annotate(hours=Sum("hours"))}
    months = Filters(start=start, end=min(end, timezone.localdate())).months()
    chart = Chart(title="Your hours each month this tax year", kind="bar",
                  description=f"A bar chart of the hours you took part each month. "
                              f"{hours['hours']} hours in all.",
                  categories=[month_label(m) for m in months],
                  series=[Series("Hours", [by_month.get(m, 0) for m in months])])
    return {"memberships": memberships, "events": events, "said": said,
            "hours": hours["hours"].quantize(PENNY), "times": hours["times"],
            "totals": person_totals(person), "chart": chart, "tax_year": (start, end)}
