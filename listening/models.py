"""Listening events, who registered and came, what people said (feedback items and their
themes), and what the council will do about it (commitments and their dated updates)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from coproduction.documents import DocumentFormat
from coproduction.states import JobStatus, Moves, job_moves
from people.models import Area, Topic


class EventKind(models.Model):
    """Listening space, Big Conversation event, carers' forum, drop-in, survey, other. Kept as
    rows so that the admin can add kinds without a code change."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def places_needed():
    """The places one registration takes, in the database: the person, and their carer,
    personal assistant and interpreter when the event says companions take places. The same
    sum as Registration.places()."""
    companions = sum((Cast(F(name), IntegerField())
                      for name in ("brings_carer", "brings_assistant", "brings_interpreter")),
                     Value(0))
    return Value(1) + Case(When(event__companions_take_places=True, then=companions),
                           default=Value(0))


def places_of(status):
    """The places taken by an event's registrations with this status (a subquery)."""
    total = (Registration.objects.filter(event=OuterRef("pk"), status=status).order_by()
             .values("event").annotate(total=Sum(places_needed())).values("total"))
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def registrations_counted(**filters):
    """How many of an event's registrations match `filters` (a subquery, 0 for none)."""
    rows = (Registration.objects.filter(event=OuterRef("pk"), **filters).order_by()
            .values("event").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def past(self):
        return self.filter(ends_at__lt=timezone.now())

    def with_counts(self):
        """Booked, waiting and came, each counted per event in a subquery (issue 13: a join to
        every registration three times, then COUNT(DISTINCT), grew with all the events)."""
        confirmed = Registration.Status.CONFIRMED
        return self.annotate(
            confirmed_count=registrations_counted(status=confirmed),
            waiting_count=registrations_counted(status=Registration.Status.WAITING),
            attended_count=registrations_counted(status=confirmed, attended=True),
        )

    def with_places(self):
        """Annotates is_full: a newcomer would join the waiting list (every place is taken,
        or someone is already waiting). The same rule as coproduction.waiting_list."""
        booked = places_of(Registration.Status.CONFIRMED)
        waiting = places_of(Registration.Status.WAITING)
        return self.annotate(places_booked=booked, places_waiting=waiting).annotate(
            is_full=models.ExpressionWrapper(
                Q(capacity__isnull=False)
                & (Q(places_waiting__gt=0) | Q(places_booked__gte=F("capacity"))),
                output_field=models.BooleanField()))


class Event(models.Model):
    kind = models.ForeignKey(EventKind, on_delete=models.PROTECT, related_name="events")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="Say in plain words what will happen.")
    audience = models.CharField("who it is for", max_length=300, blank=True,
                                help_text="For example: carers of people living with dementia.")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="hosted_events",
                             help_text="The senior member of staff who is listening.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    in_person = models.BooleanField(default=True)
    venue = models.CharField(max_length=300, blank=True)
    accessibility = models.TextField(
        "accessibility details", blank=True,
        help_text="Step-free access, hearing loop, accessible toilets, parking, quiet room.")
    online = models.BooleanField(default=False)
    online_details = models.CharField(
        "how to join online", max_length=300, blank=True,
        help_text="We send this to people who register. Do not put a private link here if "
                  "the event page is public.")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty if there is no limit.")
    companions_take_places = models.BooleanField(
        "carers, personal assistants and interpreters take up a place", default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    areas = models.ManyToManyField(Area, blank=True, related_name="events")
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="listening_events",
                                help_text="If this event is part of a co-production project.")
    is_published = models.BooleanField("show on the public list of events", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("listening:event_detail", args=[self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        if not self.in_person and not self.online:
            raise ValidationError({"in_person": "Say whether the event is in person, online "
                                                "or both."})
        if self.in_person and not self.venue:
            raise ValidationError({"venue": "Enter where the event is."})

    @property
    def hours(self):
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return round(seconds / 3600, 2)

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Booked"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    # Booking again after cancelling reuses the row (and joins the queue if anyone waits).
    MOVES = Moves("booking", {
        Status.CONFIRMED: [Status.CANCELLED],
        Status.WAITING: [Status.CONFIRMED, Status.CANCELLED],
        Status.CANCELLED: [Status.CONFIRMED, Status.WAITING],
    })

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        POST = "post", "Letter"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.CASCADE, related_name="event_registrations")
    # Guests have no account: a name and one way to reach them.
    guest_name = models.CharField("name", max_length=150, blank=True)
    guest_contact_method = models.CharField("how should we contact you", max_length=10,
                                            choices=ContactMethod.choices, blank=True)
    guest_contact = models.CharField("email address, phone number or postal address",
                                     max_length=300, blank=True)
    access_needs = models.TextField("what you need to take part", blank=True)
    brings_carer = models.BooleanField("a carer", default=False)
    brings_assistant = models.BooleanField("a personal assistant", default=False)
    brings_interpreter = models.BooleanField("an interpreter", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    walk_in = models.BooleanField(default=False)
    attended = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], condition=Q(person__isnull=False),
                                    name="one_registration_per_person_and_event"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.person_id:
            return str(self.person)
        return self.guest_name

    @property
    def companions(self):
        return int(self.brings_carer) + int(self.brings_assistant) + int(self.brings_interpreter)

    def places(self, event=None):
        event = event or self.event
        return 1 + (self.companions if event.companions_take_places else 0)


class GuestMessage(models.Model):
    """Something we told a guest (who has no account). The message itself is a Notification in
    the people room, which emails it or waits for staff to phone or write
    (people.services.notify_guest); this row ties it to the booking, so the event's page of
    guests to contact can list it."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="messages")
    key = models.CharField(max_length=80)
    notification = models.OneToOneField("people.Notification", on_delete=models.CASCADE,
                                        related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["registration", "key"],
                                               name="one_guest_message_per_key")]

    def __str__(self):
        return self.key


class EasyReadText(models.Model):
    """The easy-read words and picture staff write for a theme or a commitment, used by the
    easy-read version of "You said, we did" reports."""

    easy_read_text = models.TextField(
        "easy read", blank=True,
        help_text="Short sentences of at most 15 words, one idea in each, everyday words.")
    easy_read_picture = models.CharField("picture", max_length=40, blank=True)

    class Meta:
        abstract = True


class Theme(EasyReadText):
    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Question(models.TextChoices):
    WORKING = "working", "What is working well"
    NOT_WORKING = "not_working", "What is not working well"
    FUTURE = "future", "What is important for the future"
    OTHER = "other", "Something else"


class Channel(models.TextChoices):
    ONLINE = "online", "Online form"
    PAPER = "paper", "Paper form"
    POSTCARD = "postcard", "Postcard"
    PHONE = "phone", "Phone call"
    NOTES = "notes", "Notes taken at the event"
    SURVEY = "survey", "Survey (imported)"


class FeedbackItem(models.Model):
    """One thing someone said."""

    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="feedback")
    question = models.CharField(max_length=20, choices=Question.choices)
    text = models.TextField("what was said")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    # Who said it, unless they stay anonymous (then person is empty).
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="feedback_given")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    consent_to_quote = models.BooleanField(
        "we may quote these words publicly, without a name", default=False)
    wants_updates = models.BooleanField("tell them what happens", default=False)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="items")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        if self.wants_updates and not self.person_id:
            raise ValidationError({"wants_updates": "We cannot tell anyone what happens "
                                                    "unless the feedback is linked to their "
                                                    "name."})


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])

    def needing_news(self, *, now=None):
        """Open commitments past their due date or with no update for the configured time."""
        now = now or timezone.now()
        stale = now - timedelta(weeks=settings.LISTENING_COMMITMENT_STALE_WEEKS)
        return self.open().filter(Q(due_date__lt=now.date()) | Q(last_update_at__lt=stale))

    def with_flags(self, *, now=None):
        now = now or timezone.now()
        stale = now - timedelta(weeks=settings.LISTENING_COMMITMENT_STALE_WEEKS)
        open_q = Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS])
        return self.annotate(is_flagged=models.ExpressionWrapper(
            open_q & (Q(due_date__lt=now.date()) | Q(last_update_at__lt=stale)),
            output_field=models.BooleanField()))


class Commitment(EasyReadText):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANT_DO = "cant_do", "We can't do this"

    # Each change is a dated CommitmentUpdate (who, when, what). "Done" can be opened again
    # when it turns out not to be; "can't do" can be taken up again when things change.
    MOVES = Moves("commitment", {
        Status.PLANNED: [Status.IN_PROGRESS, Status.DONE, Status.CANT_DO],
        Status.IN_PROGRESS: [Status.PLANNED, Status.DONE, Status.CANT_DO],
        Status.DONE: [Status.IN_PROGRESS],
        Status.CANT_DO: [Status.PLANNED, Status.IN_PROGRESS],
    })

    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="commitments")
    you_said = models.TextField("you said", help_text="Sum up what people told us.")
    we_will = models.TextField("we will", help_text="Say plainly what we will do.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="owned_commitments")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    reason = models.TextField("why we can't do this", blank=True)
    feedback_items = models.ManyToManyField(FeedbackItem, blank=True,
                                            related_name="commitments")
    themes = models.ManyToManyField(Theme, blank=True, related_name="commitments")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_update_at = models.DateTimeField(default=timezone.now)
    owner_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.we_will[:60]

    def get_absolute_url(self):
        return reverse("listening:commitment_detail", args=[self.pk])


class CommitmentUpdate(models.Model):
    """A dated, plain-English update ("we did ..."): together they make the public timeline."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=Commitment.Status.choices)
    text = models.TextField("what happened")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


# A report job may take up to 15 minutes (listening.tasks.make_report's hard limit); a row still
# running after longer than that was left by a worker that died, and may be claimed again.
REPORT_STALE_AFTER = timedelta(minutes=16)


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, status=Report.Status.DONE)


class Report(models.Model):
    """One version (standard, large print or easy read) of a "You said, we did" report, made
    as a PDF by a background job (listening.tasks.make_report)."""

    class Scope(models.TextChoices):
        EVENT = "event", "One listening event"
        PROJECT = "project", "One co-production project"
        DEPARTMENT = "department", "The whole department"

    Status = JobStatus
    MOVES = job_moves("report")

    title = models.CharField(max_length=250)
    scope = models.CharField(max_length=20, choices=Scope.choices)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="reports")
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="listening_reports")
    date_from = models.DateField("from", null=True, blank=True)
    date_to = models.DateField("to", null=True, blank=True)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    version = models.CharField(max_length=20, choices=DocumentFormat.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("why it failed", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="reports/", blank=True)
    size = models.PositiveIntegerField("size in bytes", default=0)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # The quarterly department report: Our Voice members are told when all three are ready.
    tell_our_voice = models.BooleanField(default=False)
    # What was asked for (scope, version, filters) in one value, so that the database itself
    # refuses a second identical report while one is waiting or being made.
    request_key = models.CharField(max_length=200, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "status"])]
        constraints = [models.UniqueConstraint(
            fields=["request_key"], condition=Q(status__in=["queued", "running"]),
            name="one_report_in_the_making_per_request")]

    def __str__(self):
        return f"{self.title} ({self.get_version_display().lower()})"

    def get_absolute_url(self):
        return reverse("listening:report_page", args=[self.pk])

    def clean(self):
        if self.scope == self.Scope.EVENT and not self.event_id:
            raise ValidationError({"event": "Choose the event."})
        if self.scope == self.Scope.PROJECT and not self.project_id:
            raise ValidationError({"project": "Choose the project."})
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": "The end date must be on or after the start "
                                              "date."})

    def make_request_key(self):
        return ":".join(str(part or "") for part in (
            self.scope, self.version, self.event_id, self.project_id, self.topic_id,
            self.area_id, self.date_from, self.date_to))

    @property
    def can_try_again(self):
        """Failed, or left running by a worker that died (longer than any job may take)."""
        if self.status == self.Status.FAILED:
            return True
        return (self.status == self.Status.RUNNING and self.started_at is not None
                and self.started_at < timezone.now() - REPORT_STALE_AFTER)
