"""Learning together: the training offer (courses, sessions, bookings, attendance and what
people completed), the co-production toolkit (pages, planning checklists, templates) and the
staff and Our Voice forum."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduction.states import Moves
from people.models import AccessNeed, ChoiceListField, TrainingRecord

# --- The training offer ---------------------------------------------------------------------


class Audience(models.TextChoices):
    MEMBERS = "members", "People with lived experience and carers"
    STAFF = "staff", "Council staff"
    BOTH = "both", "Everyone: members and staff together"


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def for_audience(self, audience: str):
        if audience in (Audience.MEMBERS, Audience.STAFF):
            return self.filter(audience__in=[audience, Audience.BOTH])
        return self


class Course(models.Model):
    title = models.CharField(max_length=150, unique=True)
    audience = models.CharField("who it is for", max_length=10, choices=Audience.choices)
    summary = models.TextField("what it is about",
                               help_text="Two or three sentences in plain English.")
    what_you_will_learn = models.TextField(
        "what you will learn", help_text="One thing a line, for example 'How to chair a "
                                         "meeting so everyone can speak'.")
    easy_read_summary = models.TextField(
        "easy-read summary", blank=True,
        help_text="Short sentences, one idea each, 15 words at most.")
    provider = models.CharField("who runs it", max_length=150, blank=True,
                                help_text="Leave it empty when the council runs it.")
    published = models.BooleanField("show it in the training offer", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:course", args=[self.pk])

    def learning_points(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.what_you_will_learn.splitlines()
                if line.strip(" -•\t")]

    def run_by(self) -> str:
        return self.provider or settings.COUNCIL_NAME

    def is_for_members(self) -> bool:
        return self.audience in (Audience.MEMBERS, Audience.BOTH)


class CourseSession(models.Model):
    """One time a course runs: a day, a place or an online link, and a number of places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    in_person = models.BooleanField("in person", default=True)
    venue = models.CharField(max_length=150, blank=True)
    address = models.TextField(blank=True)
    online = models.BooleanField(default=False)
    online_link = models.URLField("online meeting link", blank=True)
    access_arrangements = models.TextField(
        "access arrangements", blank=True,
        help_text="For example: step-free entrance, hearing loop, BSL interpreter booked, "
                  "easy-read handouts, breaks every 45 minutes.")
    arranged = ChoiceListField("what has been arranged", choices=AccessNeed.choices)
    capacity = models.PositiveIntegerField("places", default=12)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_at__gt=models.F("starts_at")),
            name="course_session_ends_after_start")]

    def __str__(self):
        return f"{self.course.title}, {timezone.localtime(self.starts_at):%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("learning:session", args=[self.pk])

    def length_in_hours(self) -> Decimal:
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / 3600).quantize(Decimal("0.01"))

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    def arranged_labels(self) -> list[str]:
        return ChoiceListField.labels(AccessNeed.choices, self.arranged)

    def where(self) -> str:
        places = []
        if self.in_person and self.venue:
            places.append(self.venue)
        if self.online:
            places.append("online")
        return " and ".join(places)


class Booking(models.Model):
    """A person's place (or place on the waiting list) on one session."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    MOVES = Moves("booking", {
        Status.BOOKED: [Status.CANCELLED],
        Status.WAITING: [Status.BOOKED, Status.CANCELLED],
        Status.CANCELLED: [Status.BOOKED, Status.WAITING],
    })

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE,
                                related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="course_bookings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    access_needs = models.TextField("what you need to take part", blank=True)
    needs = ChoiceListField("what helps you take part", choices=AccessNeed.choices)
    created_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="one_booking_per_person_and_session")]

    def __str__(self):
        return f"{self.person} on {self.session_id}"


class Trainer(models.Model):
    """Someone who delivers a session. Lived-experience co-trainers are paid for their time
    like any involvement: delivering is recorded as participation, which claims use."""

    class Kind(models.TextChoices):
        LIVED_EXPERIENCE = "lived_experience", "Lived-experience co-trainer"
        STAFF = "staff", "Staff trainer"

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE,
                                related_name="trainers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="sessions_trained")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    hours = models.DecimalField(
        "hours to pay for", max_digits=4, decimal_places=2,
        help_text="The session and any time to prepare, for example 3.5")

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="one_trainer_role_per_session")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person}"


class Completion(models.Model):
    """A person completed one of our courses: they came to a session (recorded with the
    attendance) or staff typed it in from a paper record. Each has the person's training
    record (people.models.TrainingRecord), so it shows on their profile beside their
    involvement, and a certificate."""

    class Source(models.TextChoices):
        ATTENDED = "attended", "Came to a session"
        PAPER = "paper", "Recorded by staff from a paper record"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="course_completions")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    session = models.ForeignKey(CourseSession, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="completions")
    completed_on = models.DateField()
    source = models.CharField(max_length=10, choices=Source.choices)
    training_record = models.OneToOneField(TrainingRecord, on_delete=models.CASCADE,
                                           related_name="completion")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "session"],
                                    condition=models.Q(session__isnull=False),
                                    name="one_completion_per_person_and_session"),
        ]

    def __str__(self):
        return f"{self.course} ({self.completed_on})"


# --- The toolkit ----------------------------------------------------------------------------


class ToolkitPage(models.Model):
    """A page explaining co-production in the council's words, kept by admins. Plain text:
    a blank line starts a new paragraph, a line starting "- " is a point in a list and a line
    starting "## " is a heading."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300, help_text="One sentence for the contents list.")
    body = models.TextField()
    order = models.PositiveIntegerField(default=10)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:toolkit_page", args=[self.slug])


class ToolkitTemplate(models.Model):
    """A document staff download and fill in (terms of reference, a role description, a
    "what we heard" letter), as Word and as PDF. The text is kept by admins in the same plain
    form as toolkit pages; "[in brackets]" marks what to fill in."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    description = models.CharField(max_length=300)
    body = models.TextField()
    order = models.PositiveIntegerField(default=10)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class ChecklistItem(models.Model):
    """One question on the planning checklist every project answers, kept by admins."""

    text = models.CharField(max_length=200)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=10)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ChecklistAnswer(models.Model):
    """A project's answer to one checklist item: done or not, and how."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="checklist_answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="answers")
    done = models.BooleanField(default=False)
    note = models.TextField("how", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "item"],
                                               name="one_answer_per_project_and_item")]

    def __str__(self):
        return f"{self.item} ({'done' if self.done else 'not yet'})"


# --- The forum ------------------------------------------------------------------------------


class ForumTheme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    order = models.PositiveIntegerField(default=10)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Moderator(models.Model):
    """Someone named by an admin to moderate the forum (admins always may)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="forum_moderator")
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.person)


class TopicQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)


class Topic(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "A question"
        SUCCESS = "success", "A success to share"

    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(ForumTheme, on_delete=models.PROTECT, related_name="topics")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="forum_topics")
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when the opening post is hidden: the topic then leaves lists and search.
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-last_post_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:topic", args=[self.pk])


class Post(models.Model):
    """The opening post of a topic, or a reply. Plain text; links are made clickable when
    shown, and everything is escaped."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="forum_posts")
    body = models.TextField(max_length=5000)
    is_opening = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.CharField("why it was hidden", max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["topic"],
                                               condition=models.Q(is_opening=True),
                                               name="one_opening_post_per_topic")]

    def __str__(self):
        return f"Post {self.pk}"

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None


class Helpful(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helpful_marks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"],
                                               name="one_helpful_mark_per_person")]

    def __str__(self):
        return f"Helpful mark {self.pk}"


class Follow(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="forum_follows")
    followed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "person"],
                                               name="one_follow_per_person_and_topic")]

    def __str__(self):
        return f"Follow {self.pk}"


class Report(models.Model):
    """Someone thinks a post should not be there. Moderators look at open reports."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    reason = models.CharField("what is wrong with it", max_length=500)
    reported_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["reported_at", "pk"]

    def __str__(self):
        return f"Report {self.pk}"
