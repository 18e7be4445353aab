"""Fills the database with realistic synthetic data at the size of a large county or a national
service, through bulk inserts, so that `manage.py benchmark_pages` can measure every page at
scale (issue 13). It first loads the demo (`seed_demo`: the demo accounts, areas, topics,
themes, event kinds and the payments policy), then adds the crowd on top, with the demo's
words and in the demo's proportions.

    python manage.py generate_scale --size county      # 10,000 people, 100,000 feedback items
    python manage.py generate_scale --size national    # 100,000 people, 1,000,000 items

Run it on an empty database of its own (it refuses to add a second crowd). Every row is made
by PostgreSQL's COPY (`copy_rows`; `bulk_create` in batches on SQLite, for the tests' tiny
size), none through the services: no emails, no background jobs.
"""

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from listening import demo as listening_demo
from listening.models import (
    Channel,
    Commitment,
    CommitmentUpdate,
    Event,
    EventKind,
    FeedbackItem,
    Question,
    Registration,
    Theme,
)
from payments import demo as payments_demo
from payments.models import (
    ActivityType,
    BatchItem,
    Claim,
    ClaimEvent,
    ClaimLine,
    ExpenseType,
    PayeeDetails,
    PaymentBatch,
)
from people import demo as people_demo
from people.models import (
    GRANTABLE_ROLES,
    AccessNeed,
    Area,
    Availability,
    Consent,
    EqualityAnswers,
    Format,
    Involvement,
    MeetingMode,
    MemberProfile,
    Notification,
    Recognition,
    Topic,
    User,
)
from people.services import recent_involvements_refresh
from projects import demo as projects_demo
from projects.models import (
    Attendance,
    Evaluation,
    Interest,
    Level,
    Membership,
    Project,
    Session,
    Status,
    TimeOfDay,
    Update,
)


@dataclass(frozen=True)
class Size:
    people: int
    staff: int
    projects: int
    events: int
    feedback: int
    claims: int

    @property
    def commitments(self):
        # The demo: about one commitment for every 50 things people said.
        return max(5, self.feedback // 50)


SIZES = {
    "tiny": Size(people=60, staff=4, projects=8, events=10, feedback=300, claims=40),
    "county": Size(people=10_000, staff=60, projects=500, events=1_000, feedback=100_000,
                   claims=30_000),
    "national": Size(people=100_000, staff=600, projects=5_000, events=10_000,
                     feedback=1_000_000, claims=300_000),
}
BATCH = 5_000
MARKER = "scale-"  # e-mail addresses of the generated crowd start with it
# Projects by status in the demo's proportions (most are public; a few drafts and reviews).
STATUS_WEIGHTS = {Status.DRAFT: 4, Status.IN_REVIEW: 4, Status.RECRUITING: 12,
                  Status.RUNNING: 25, Status.EVALUATING: 15, Status.CLOSED: 36,
                  Status.WITHDRAWN: 4}
CLAIM_PLAN = payments_demo.PLAN  # the demo's mix of outcomes


def copy_rows(model, rows):
    """Inserts `rows` (unsaved instances) with PostgreSQL's COPY, several times faster than
    INSERT for the largest tables (a million feedback items at the national size). COPY gives
    no ids back, so they are taken from the table's sequence first and set on the instances,
    as bulk_create would. Values go through each field's own preparation (pre_save,
    get_db_prep_save), so they are stored exactly as the ORM would store them."""
    if not rows:
        return rows
    meta = model._meta
    fields = list(meta.concrete_fields)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if rows[0].pk is None:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)", [meta.db_table, meta.pk.column,
                                                           len(rows)])
            for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                row.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = []
                for field in fields:
                    value = field.pre_save(row, add=True)
                    if isinstance(value, DatabaseDefault):
                        value = getattr(field.db_default, "value", field.db_default)
                    values.append(field.get_db_prep_save(value, connection))
                copy.write_row(values)
    for row in rows:
        row._state.adding, row._state.db = False, connection.alias
    return rows


class Command(BaseCommand):
    help = "Fills the database with synthetic data at county or national scale (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="county")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, size, seed, **options):
        if User.objects.filter(email__startswith=MARKER).exists():
            raise CommandError("This database already holds a generated crowd: use an empty one.")
        self.size, self.rng, self.started = SIZES[size], random.Random(seed), time.monotonic()
        if connection.vendor == "postgresql":
            # A batch job, not a web request: a worker's statement timeout, since one COPY of
            # 100,000 profiles takes longer than a page may (settings.DATABASE_WORKER_*).
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, false)",
                               [str(settings.DATABASE_WORKER_STATEMENT_TIMEOUT_MS)])
        self.now = timezone.now()
        if size == "tiny":
            self.base()  # the few shared rows, without the demo's own crowd (for the tests)
        else:
            call_command("seed_demo", stdout=self.stdout)
            self.say("The demo is loaded.")
        self.areas, self.topics = list(Area.objects.all()), list(Topic.objects.all())
        self.themes = {theme.name: theme for theme in Theme.objects.all()}
        for name in listening_demo.THEMES:
            if name not in self.themes:
                self.themes[name] = Theme.objects.create(name=name)
        with transaction.atomic():
            self.people()
        with transaction.atomic():
            self.projects()
        with transaction.atomic():
            self.events()
        with transaction.atomic():
            self.feedback()
        with transaction.atomic():
            self.claims()
        # Bulk inserts bypass people.services.involvement_record, which keeps these counts.
        recent_involvements_refresh()
        self.analyze()
        self.say(f"Done: {size} size.")

    def analyze(self):
        """Fresh planner statistics, as autovacuum would gather later (it may be off): without
        them PostgreSQL takes a freshly filled table for an empty one and picks bad plans."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def base(self):
        from django.utils.text import slugify

        for name in people_demo.AREAS:
            Area.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        for name, description in people_demo.TOPICS:
            Topic.objects.get_or_create(slug=slugify(name),
                                        defaults={"name": name, "description": description})
        for role, email, name in people_demo.DEMO_ACCOUNTS:
            grant = people_demo._ROLES.get(role)
            people_demo._account(email, name, people_demo.DEMO_PASSWORD,
                                 **({GRANTABLE_ROLES[grant]: True} if grant else {}))
        payments_demo.seed_policy()

    # --- helpers -------------------------------------------------------------------------

    def say(self, text):
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f} s] {text}")

    def insert(self, model, rows):
        if connection.vendor == "postgresql":
            return copy_rows(model, rows)
        return model.objects.bulk_create(rows, batch_size=BATCH)

    def days_ago(self, low, high):
        return self.now - timedelta(days=self.rng.uniform(low, high))

    def some(self, choices, most):
        rng = self.rng
        return [value for value, _label in rng.sample(choices, rng.randint(0, most))]

    # --- people --------------------------------------------------------------------------

    def people(self):
        rng, size = self.rng, self.size
        users = []
        for n in range(size.people + size.staff):
            is_staff = n >= size.people
            name = f"{rng.choice(people_demo.FIRST_NAMES)} {rng.choice(people_demo.LAST_NAMES)}"
            users.append(User(
                email=f"{MARKER}{'staff' if is_staff else 'member'}{n:07d}@example.org",
                name=name, password="!", is_council_staff=is_staff,
                is_our_voice=not is_staff and rng.random() < 0.004,
                date_joined=self.days_ago(5, 1100)))
        users = self.insert(User, users)
        self.insert(EmailAddress, [EmailAddress(user=u, email=u.email, verified=True,
                                                primary=True) for u in users])
        self.members = [u for u in users if not u.is_council_staff]
        self.staff = [u for u in users if u.is_council_staff] + list(
            User.objects.filter(email__in=["staff@example.org", "staff2@example.org"]))
        profiles, consents, equality = [], [], []
        answers = {field: [value for value, _l in choices]
                   for field, (_q, choices) in EqualityAnswers.QUESTIONS.items()}
        for i, user in enumerate(self.members):
            created = user.date_joined
            on_paper = i % 9 == 4
            formats = self.some(Format.choices, 2)
            profiles.append(MemberProfile(
                user=user, phone=f"01632 9{rng.randint(60000, 60999)}",
                preferred_channel=rng.choices(Notification.Channel.values,
                                              weights=[12, 3, 3, 2])[0],
                address=f"{rng.randint(1, 120)} Station Road\n{rng.choice(self.areas).name}",
                formats=formats, access_needs=self.some(AccessNeed.choices, 3),
                interpreter_language="Polish" if Format.INTERPRETER in formats else "",
                access_needs_other=rng.choice(people_demo.ACCESS_NOTES),
                draws_on_care=rng.random() < 0.6, unpaid_carer=rng.random() < 0.45,
                help_with=rng.choice(people_demo.HELP_WITH),
                meeting_mode=rng.choice(MeetingMode.values),
                availability=self.some(Availability.choices, 3)
                or [Availability.WEEKDAY_DAYTIME],
                recognition=rng.choices(Recognition.values, weights=[8, 3, 4, 2])[0],
                created_by=self.staff[0] if on_paper else None, created_at=created,
                updated_at=created))
            consents.append(Consent(
                person=user, notice_version=settings.PRIVACY_NOTICE_VERSION, given_at=created,
                method=Consent.Method.PAPER if on_paper else Consent.Method.ONLINE,
                withdrawn_at=created + timedelta(days=30) if i % 23 == 22 else None))
            if rng.random() < 0.7:
                equality.append(EqualityAnswers(
                    person=user, notice_version=settings.PRIVACY_NOTICE_VERSION,
                    consented_at=created, **{
                        field: rng.choices(values, weights=[6] * (len(values) - 1) + [1])[0]
                        for field, values in answers.items()}))
        profiles = self.insert(MemberProfile, profiles)
        self.insert(Consent, consents)
        self.insert(EqualityAnswers, equality)
        topic_link, area_link = MemberProfile.topics.through, MemberProfile.areas.through
        self.insert(topic_link, [topic_link(memberprofile_id=p.pk, topic_id=t.pk)
                                 for p in profiles
                                 for t in rng.sample(self.topics, rng.randint(1, 4))])
        self.insert(area_link, [area_link(memberprofile_id=p.pk, area_id=a.pk)
                                for p in profiles for a in rng.sample(self.areas,
                                                                      rng.randint(1, 2))])
        # Earlier activities from before the portal, as the demo has.
        others = []
        for user in self.members:
            for j in range(rng.choice([0, 0, 0, 1, 2, 4])):
                activity = rng.choice(people_demo.PAST_ACTIVITIES)
                others.append(Involvement(
                    person=user, kind=Involvement.Kind.OTHER,
                    activity_key=f"other:{people_demo.PAST_ACTIVITIES.index(activity)}",
                    activity_title=activity, title=f"{activity} meeting",
                    starts_at=self.days_ago(20, 700), hours=Decimal(rng.choice(["1.5", "2", "3"])),
                    source=f"scale.other:{user.pk}:{j}"))
        self.insert(Involvement, others)
        self.say(f"{len(users)} people ({len(self.staff)} staff), {len(others)} earlier "
                 "activities.")

    # --- projects ------------------------------------------------------------------------

    def projects(self):
        rng, size = self.rng, self.size
        today = timezone.localdate()
        statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
        projects = []
        for n in range(size.projects):
            base = projects_demo.PROJECTS[n % len(projects_demo.PROJECTS)]
            title, _status, level, _topics, summary, problem = base
            status = rng.choices(statuses, weights)[0]
            starts = {Status.DRAFT: 60, Status.IN_REVIEW: 45, Status.RECRUITING: 21,
                      Status.RUNNING: -60, Status.EVALUATING: -200, Status.CLOSED: -400,
                      Status.WITHDRAWN: -30}[status] + rng.randint(-300 if status == Status.CLOSED
                                                                   else -20, 20)
            starts_on = today + timedelta(days=starts)
            projects.append(Project(
                title=f"{title} ({rng.choice(self.areas).name} {n + 1})", summary=summary,
                problem=problem, aims="A better service, designed with the people who use it.",
                in_scope="How the service is explained, booked and reviewed.",
                out_of_scope="The total budget, which the council sets each February.",
                who_for="People with lived experience of this service, and unpaid carers.",
                what_is_involved="Six meetings of two hours over four months.",
                level=rng.choice(Level.values) if n % 3 else level, status=status,
                starts_on=starts_on, ends_on=starts_on + timedelta(days=150),
                places=8 + n % 5, online=n % 2 == 0, in_person=n % 3 != 2,
                time_of_day=rng.choice(TimeOfDay.values), paid=n % 4 != 3,
                staff_co_chair=rng.choice(self.staff),
                created_at=self.now - timedelta(days=max(5, -starts + 30))))
        projects = self.insert(Project, projects)
        topic_link, area_link = Project.topics.through, Project.areas.through
        self.insert(topic_link, [topic_link(project_id=p.pk, topic_id=t.pk) for p in projects
                                 for t in rng.sample(self.topics, rng.randint(1, 3))])
        self.insert(area_link, [area_link(project_id=p.pk, area_id=a.pk) for p in projects
                                for a in rng.sample(self.areas, 2)])
        memberships, interests, sessions, updates, evaluations = [], [], [], [], []
        members_of = {}
        public = [p for p in projects if p.status in (Status.RECRUITING, Status.RUNNING,
                                                      Status.EVALUATING, Status.CLOSED)]
        for project in public:
            chosen = rng.sample(self.members, project.places + rng.randint(0, 8))
            joined = chosen[:project.places]
            members_of[project.pk] = joined
            joined_at = timezone.make_aware(datetime.combine(
                project.starts_on - timedelta(days=14), datetime.min.time()))
            for person in joined:
                memberships.append(Membership(project=project, person=person,
                                              joined_at=joined_at))
            for k, person in enumerate(chosen):
                interests.append(Interest(
                    project=project, person=person, what_i_bring=rng.choice(
                        people_demo.HELP_WITH), state=Interest.State.ACCEPTED
                    if k < project.places else rng.choice([Interest.State.WAITING,
                                                           Interest.State.PENDING,
                                                           Interest.State.DECLINED]),
                    created_at=joined_at - timedelta(days=7)))
            if project.status != Status.RECRUITING:
                for number in range(rng.randint(4, 8)):
                    hour = 18 if project.time_of_day == TimeOfDay.EVENING else 10
                    starts_at = joined_at + timedelta(days=14 * (number + 1), hours=hour)
                    venue = projects_demo.VENUES[number % 2]
                    sessions.append(Session(project=project, title=f"Meeting {number + 1}",
                                            starts_at=starts_at,
                                            ends_at=starts_at + timedelta(hours=2),
                                            venue=venue[0], address=venue[1],
                                            venue_access=venue[2]))
                for title, body, shown in projects_demo.UPDATES:
                    updates.append(Update(project=project, author=project.staff_co_chair,
                                          title=title, body=body, public=shown,
                                          created_at=joined_at + timedelta(days=20),
                                          sent_at=joined_at + timedelta(days=20)))
            if project.status in (Status.EVALUATING, Status.CLOSED):
                for person in joined:
                    if rng.random() < 0.75:
                        evaluations.append(Evaluation(
                            project=project, person=person,
                            **{q: rng.choice([3, 3, 3, 2, 1]) for q in Evaluation.QUESTIONS},
                            comment=rng.choice(["", "I felt listened to for the first time.",
                                                "More breaks, please."])))
        self.insert(Membership, memberships)
        self.insert(Interest, interests)
        sessions = self.insert(Session, sessions)
        self.insert(Update, updates)
        self.insert(Evaluation, evaluations)
        attendance, involvements = [], []
        for project in public:
            for person in members_of[project.pk]:
                involvements.append(Involvement(
                    person=person, kind=Involvement.Kind.PROJECT,
                    activity_key=f"project:{project.pk}", activity_title=project.title,
                    title=project.title, starts_at=timezone.make_aware(datetime.combine(
                        project.starts_on, datetime.min.time())),
                    source=f"projects.membership:{project.pk}:{person.pk}"))
        by_project = {p.pk: p for p in public}
        for session in sessions:
            if session.ends_at > self.now:
                continue
            project = by_project[session.project_id]
            for person in members_of[project.pk]:
                if rng.random() < 0.85:
                    attendance.append(Attendance(session=session, person=person,
                                                 hours=Decimal("2.00"),
                                                 marked_by=project.staff_co_chair,
                                                 marked_at=session.ends_at))
                    involvements.append(Involvement(
                        person=person, kind=Involvement.Kind.PROJECT_SESSION,
                        activity_key=f"project:{project.pk}", activity_title=project.title,
                        title=f"{session.title}, {session.starts_at:%d %B %Y}",
                        starts_at=session.starts_at, hours=Decimal("2.00"),
                        url=f"/projects/meetings/{session.pk}/",
                        source=f"projects.attendance:{session.pk}:{person.pk}"))
        self.insert(Attendance, attendance)
        self.insert(Involvement, involvements)
        self.say(f"{len(projects)} projects, {len(memberships)} members, {len(sessions)} "
                 f"meetings, {len(attendance)} attendances.")

    # --- listening -----------------------------------------------------------------------

    def events(self):
        rng, size = self.rng, self.size
        kinds = list(EventKind.objects.all())
        events = []
        for n in range(size.events):
            title, slug, _days, hours, venue, capacity, audience = listening_demo.EVENTS[
                n % len(listening_demo.EVENTS)]
            # Three years of events, about one in twenty still to come.
            starts_at = self.now - timedelta(days=rng.uniform(-60, 1100))
            starts_at = starts_at.replace(minute=0, second=0, microsecond=0)
            kind = next((k for k in kinds if k.slug == slug), kinds[n % len(kinds)])
            events.append(Event(
                kind=kind, title=f"{title.split(':')[0]}: {rng.choice(self.areas).name} "
                                 f"{n + 1}",
                description=f"{title}. Tell us what is working well, what is not working "
                            "well and what is important for the future.",
                audience=audience, host=rng.choice(self.staff), starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=hours), in_person=bool(venue),
                venue=venue, online=not venue, capacity=capacity,
                accessibility="Step-free access, hearing loop." if venue else "",
                created_by=rng.choice(self.staff),
                created_at=starts_at - timedelta(days=30)))
        self.events_made = events = self.insert(Event, events)
        topic_link, area_link = Event.topics.through, Event.areas.through
        self.insert(topic_link, [topic_link(event_id=e.pk, topic_id=t.pk) for e in events
                                 for t in rng.sample(self.topics, 2)])
        self.insert(area_link, [area_link(event_id=e.pk, area_id=a.pk) for e in events
                                for a in rng.sample(self.areas, 1)])
        registrations, involvements = [], []
        for event in events:
            places = min(event.capacity or 25, 25)
            past = event.ends_at < self.now
            for person in rng.sample(self.members, rng.randint(places // 2, places)):
                came = past and rng.random() < 0.8
                registrations.append(Registration(
                    event=event, person=person, attended=came,
                    access_needs=rng.choice(["", "", "Hearing loop", "Step-free access"]),
                    brings_carer=rng.random() < 0.2,
                    created_at=event.starts_at - timedelta(days=rng.randint(1, 30))))
                if came:
                    involvements.append(Involvement(
                        person=person, kind=Involvement.Kind.EVENT,
                        activity_key=f"event:{event.pk}", activity_title=event.title,
                        title=event.title, starts_at=event.starts_at,
                        hours=Decimal(event.hours).quantize(Decimal("0.01")),
                        url=f"/events/{event.pk}/",
                        source=f"listening.attendance:{event.pk}:{person.pk}"))
        self.insert(Registration, registrations)
        self.insert(Involvement, involvements)
        self.say(f"{len(events)} events, {len(registrations)} registrations.")

    def feedback(self):
        rng, size = self.rng, self.size
        past = [e for e in self.events_made if e.starts_at < self.now]
        channels = [Channel.ONLINE, Channel.PAPER, Channel.POSTCARD, Channel.NOTES,
                    Channel.PHONE, Channel.SURVEY]
        names = list(listening_demo.THEMES)
        theme_link = FeedbackItem.themes.through
        made = 0
        commitments_per_theme = {name: [] for name in names}
        while made < size.feedback:
            count = min(BATCH * 4, size.feedback - made)
            items, theme_of = [], []
            for n in range(count):
                name = rng.choice(names)
                index = rng.randrange(len(listening_demo.THEMES[name]))
                sentence = listening_demo.THEMES[name][index]
                prefix = rng.choice(listening_demo.PREFIXES)
                if prefix and not sentence.startswith("I "):
                    sentence = sentence[0].lower() + sentence[1:]
                event = rng.choice(past) if rng.random() < 0.9 else None
                person = rng.choice(self.members) if rng.random() < 0.4 else None
                channel = rng.choice(channels)
                at = (event.starts_at + timedelta(minutes=rng.randint(0, 600)) if event
                      else self.days_ago(0, 1100))
                items.append(FeedbackItem(
                    event=event, question=listening_demo._question(sentence)
                    if rng.random() < 0.95 else Question.OTHER,
                    text=prefix + sentence + rng.choice(listening_demo.SUFFIXES),
                    channel=channel, person=person,
                    entered_by=None if channel == Channel.ONLINE else rng.choice(self.staff),
                    consent_to_quote=rng.random() < 0.35,
                    wants_updates=bool(person) and rng.random() < 0.7,
                    topic=rng.choice(self.topics), area=rng.choice(self.areas), created_at=at))
                theme_of.append(name if (made + n) % 25 != 7 else None)
            items = self.insert(FeedbackItem, items)
            self.insert(theme_link, [theme_link(feedbackitem_id=item.pk,
                                                theme_id=self.themes[name].pk)
                                     for item, name in zip(items, theme_of, strict=True)
                                     if name])
            for item, name in zip(items, theme_of, strict=True):
                if name and len(commitments_per_theme[name]) < size.commitments * 5:
                    commitments_per_theme[name].append(item)
            made += count
        self.say(f"{made} feedback items.")
        commitments, linked_items = [], []
        statuses = Commitment.Status.values
        for n in range(size.commitments):
            theme_name, you_said, we_will, *_rest = listening_demo.COMMITMENTS[
                n % len(listening_demo.COMMITMENTS)]
            status = rng.choices(statuses, weights=[3, 4, 4, 1])[0]
            created = self.days_ago(10, 900)
            commitments.append(Commitment(
                event=rng.choice(past), you_said=you_said, we_will=f"{we_will} ({n + 1})",
                owner=rng.choice(self.staff), status=status,
                due_date=(created + timedelta(days=rng.randint(30, 300))).date(),
                reason=next(iter(listening_demo.CANT_DO_REASONS.values()))
                if status == Commitment.Status.CANT_DO else "",
                topic=rng.choice(self.topics), area=rng.choice(self.areas),
                created_by=rng.choice(self.staff), created_at=created,
                last_update_at=created + timedelta(days=rng.randint(0, 60))))
            linked_items.append((theme_name, rng.randint(1, 8)))
        commitments = self.insert(Commitment, commitments)
        theme_link, item_link = Commitment.themes.through, Commitment.feedback_items.through
        self.insert(theme_link, [theme_link(commitment_id=c.pk,
                                            theme_id=self.themes[name].pk)
                                 for c, (name, _k) in zip(commitments, linked_items,
                                                          strict=True)])
        self.insert(item_link, [
            item_link(commitment_id=c.pk, feedbackitem_id=item.pk)
            for c, (name, k) in zip(commitments, linked_items, strict=True)
            for item in rng.sample(commitments_per_theme[name],
                                   min(k, len(commitments_per_theme[name])))])
        updates = []
        for commitment in commitments:
            texts = [f"We said we will: {commitment.we_will}"] + [
                "We started work with the team.", "We did it."][:rng.randint(0, 2)]
            for i, text in enumerate(texts):
                updates.append(CommitmentUpdate(
                    commitment=commitment, status=commitment.status if i else "planned",
                    text=text, created_by=commitment.owner,
                    created_at=commitment.created_at + timedelta(weeks=3 * i)))
        self.insert(CommitmentUpdate, updates)
        self.say(f"{len(commitments)} commitments, {len(updates)} updates.")

    # --- payments ------------------------------------------------------------------------

    def claims(self):
        rng, size = self.rng, self.size
        meeting = ActivityType.objects.get(name="Meeting")
        mileage = ExpenseType.objects.get(name="Mileage")
        bus = ExpenseType.objects.get(name="Bus or train fares")
        finance = User.objects.get(email="finance@example.org")
        self.analyze()  # the next query joins three freshly filled tables
        free = list(Involvement.objects.filter(person__email__startswith=MARKER,
                                               starts_at__lt=self.now, claims__isnull=True)
                    .exclude(kind=Involvement.Kind.PROJECT)
                    .values_list("pk", "person_id", "activity_title", "starts_at", "hours"))
        rng.shuffle(free)
        self.say(f"{len(free)} past activities without a claim.")
        claims, plan = [], []
        for pk, person_id, title, starts_at, hours in free[:size.claims]:
            outcome = rng.choice(CLAIM_PLAN)
            status = {"on_behalf": Claim.Status.SUBMITTED}.get(outcome, outcome)
            made_by_staff = outcome == "on_behalf"
            submitted = starts_at + timedelta(days=rng.randint(1, 10))
            decided = submitted + timedelta(days=rng.randint(1, 14))
            decided_status = status not in (Claim.Status.DRAFT, Claim.Status.SUBMITTED)
            claims.append(Claim(
                person_id=person_id, involvement_id=pk, activity_title=title,
                made_by_id=rng.choice(self.staff).pk if made_by_staff else person_id,
                activity_date=starts_at.date(), status=status,
                payment_choice=rng.choice([Claim.PaymentChoice.FULL] * 4
                                          + [Claim.PaymentChoice.NONE]),
                created_at=submitted, submitted_at=None if status == Claim.Status.DRAFT
                else submitted, decided_by=rng.choice(self.staff) if decided_status else None,
                decided_at=decided if decided_status else None,
                paid_at=decided + timedelta(days=10) if status == Claim.Status.PAID else None,
                decision_reason="Please tell us where you drove from."
                if status == Claim.Status.RETURNED else ""))
            plan.append(hours or Decimal("2"))
        claims = self.insert(Claim, claims)
        lines, events = [], []
        for claim, hours in zip(claims, plan, strict=True):
            if claim.payment_choice == Claim.PaymentChoice.FULL:
                lines.append(ClaimLine(claim=claim, category=ClaimLine.Category.PAYMENT,
                                       activity_type=meeting, description="Meeting",
                                       quantity=hours, rate=Decimal("15.00"), rate_unit="hour",
                                       amount=(hours * Decimal("15.00")).quantize(Decimal("0.01"))))
            miles = Decimal(rng.randint(4, 30))
            lines.append(ClaimLine(claim=claim, category=ClaimLine.Category.EXPENSE,
                                   expense_type=mileage, description="Home and back",
                                   quantity=miles, rate=Decimal("0.45"), rate_unit="mile",
                                   amount=(miles * Decimal("0.45")).quantize(Decimal("0.01"))))
            if rng.random() < 0.3:
                lines.append(ClaimLine(claim=claim, category=ClaimLine.Category.EXPENSE,
                                       expense_type=bus, description="Return bus fare",
                                       amount=Decimal("4.80")))
            if claim.submitted_at:
                events.append(ClaimEvent(claim=claim, from_status="draft", to_status="submitted",
                                         by_id=claim.made_by_id, at=claim.submitted_at))
            if claim.decided_at:
                events.append(ClaimEvent(claim=claim, from_status="submitted",
                                         to_status=claim.status if claim.status in (
                                             "returned", "rejected") else "approved",
                                         by=claim.decided_by, at=claim.decided_at,
                                         reason=claim.decision_reason))
        self.insert(ClaimLine, lines)
        self.insert(ClaimEvent, events)
        paid = [c for c in claims if c.status in (Claim.Status.PAID, Claim.Status.BATCHED)]
        payees = {c.person_id for c in claims if c.decided_at and c.status != "rejected"}
        self.insert(PayeeDetails, [PayeeDetails(person_id=pk, reference=f"NCC-S{pk}",
                                                set_by=finance) for pk in payees])
        batches, items = [], []
        for start in range(0, len(paid), 60):
            group = paid[start:start + 60]
            done = all(c.status == Claim.Status.PAID for c in group)
            batches.append((PaymentBatch(
                created_by=finance, created_at=group[0].decided_at + timedelta(days=5),
                claim_count=len(group), csv=b"", total=Decimal("0"),
                status=PaymentBatch.Status.PAID if done else PaymentBatch.Status.EXPORTED,
                paid_by=finance if done else None,
                paid_at=group[0].decided_at + timedelta(days=10) if done else None), group))
        made = self.insert(PaymentBatch, [batch for batch, _group in batches])
        for batch, (_b, group) in zip(made, batches, strict=True):
            items.extend(BatchItem(batch=batch, claim=c) for c in group)
        self.insert(BatchItem, items)
        self.say(f"{len(claims)} claims, {len(lines)} lines, {len(made)} payment batches.")
