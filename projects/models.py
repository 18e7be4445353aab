"""Co-production projects: advertised openly, assured by Our Voice, recruited fairly, run in
the open (sessions, attendance, updates) and evaluated at the end."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduction.documents import DocumentFormat
from coproduction.states import Moves
from people.models import AccessNeed, Area, ChoiceListField, Topic


class Level(models.TextChoices):
    """The ladder of involvement, lowest to highest."""

    INFORMATION = "information", "Information"
    ENGAGEMENT = "engagement", "Engagement"
    CONSULTATION = "consultation", "Consultation"
    CO_DESIGN = "co_design", "Co-design"
    CO_PRODUCTION = "co_production", "Co-production"
    STRATEGIC = "strategic", "Strategic co-production"


# One plain line for each level: what it means for the people taking part.
LEVEL_MEANINGS = {
    Level.INFORMATION: "We will tell you what is happening and why.",
    Level.ENGAGEMENT: "We will talk with you and listen to what you think.",
    Level.CONSULTATION: "We will ask your views on our plans before we decide.",
    Level.CO_DESIGN: "You will help design the service with us, from early on.",
    Level.CO_PRODUCTION: "You will work with us as equals, sharing decisions from start "
                         "to finish.",
    Level.STRATEGIC: "You will share decisions with us about plans for the whole county.",
}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review by Our Voice"
    RECRUITING = "recruiting", "Looking for people"
    RUNNING = "running", "Running"
    EVALUATING = "evaluating", "Looking back"
    CLOSED = "closed", "Finished"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The allowed moves between statuses.
MOVES = Moves("project", {
    Status.DRAFT: [Status.IN_REVIEW, Status.WITHDRAWN],
    Status.IN_REVIEW: [Status.DRAFT, Status.RECRUITING, Status.WITHDRAWN],
    Status.RECRUITING: [Status.RUNNING, Status.WITHDRAWN],
    Status.RUNNING: [Status.EVALUATING, Status.WITHDRAWN],
    Status.EVALUATING: [Status.CLOSED],
})
# Statuses anyone may see.
PUBLIC_STATUSES = [Status.RECRUITING, Status.RUNNING, Status.EVALUATING, Status.CLOSED]


class TimeOfDay(models.TextChoices):
    DAYTIME = "daytime", "Daytime"
    EVENING = "evening", "Evening"
    BOTH = "both", "Daytime and evening"




class Assurance(models.TextChoices):
    ASSURED = "assured", "Assured"
    SUGGESTIONS = "suggestions", "Assured with suggestions"
    NOT_YET = "not_yet", "Not yet"


class Principle(models.TextChoices):
    """The six co-production principles Our Voice scores each plan against."""

    SKILLS = "skills", "We value people's skills"
    LEARNING = "learning", "We let people know what we learn and achieve"
    INCLUDE = "include", "We include anyone who wants to be involved"
    LANGUAGE = "language", "We use language that works for everyone"
    HONEST = "honest", "We are honest and open"
    REVIEW = "review", "We review and change how we do things"


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def recruiting(self):
        return self.filter(status=Status.RECRUITING)


class Project(models.Model):
    title = models.CharField(max_length=150)
    summary = models.TextField("summary", help_text="Two or three short sentences in plain "
                                                    "English: what the project is about.")
    easy_read_summary = models.TextField("easy-read summary", blank=True)
    problem = models.TextField("the problem it addresses")
    aims = models.TextField("what we want to achieve")
    in_scope = models.TextField("what we can change")
    out_of_scope = models.TextField(
        "what we cannot change",
        help_text="Be honest about legal and budget limits, so nobody is disappointed later.")
    who_for = models.TextField("who we are looking for")
    what_is_involved = models.TextField("what taking part involves")
    where = models.TextField("where we meet and how to get there", blank=True)
    access_arrangements = models.TextField("access arrangements", blank=True)
    # What is special to this project; the rates themselves come from the payments policy.
    expenses_and_payment = models.TextField(
        "anything more about costs and payment", blank=True,
        help_text="Only what is special to this project: the page shows the policy's rates.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="projects")
    areas = models.ManyToManyField(Area, blank=True, related_name="projects")
    level = models.CharField("level of involvement", max_length=20, choices=Level.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    starts_on = models.DateField("start date")
    # Empty for a standing group (such as Our Voice), which has no end.
    ends_on = models.DateField("end date", null=True)
    places = models.PositiveSmallIntegerField("how many places", default=10)
    online = models.BooleanField("meets online", default=False)
    in_person = models.BooleanField("meets in person", default=True)
    time_of_day = models.CharField("when it meets", max_length=10, choices=TimeOfDay.choices,
                                   default=TimeOfDay.DAYTIME)
    paid = models.BooleanField("involvement payments offered", default=True)
    terms_of_reference = models.TextField("terms of reference", blank=True)
    terms_document = models.FileField("terms of reference document", upload_to="projects/terms/",
                                      blank=True)
    staff_co_chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="projects_led")
    lived_experience_co_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="projects_co_chaired")
    assurance = models.CharField("Our Voice assurance", max_length=20,
                                 choices=Assurance.choices, blank=True)
    outcome_summary = models.TextField("what changed", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The Our Voice group's own space is this project (a standing group: no end date).
    is_our_voice_group = models.BooleanField("the Our Voice group", default=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__gte=models.F("starts_on")),
            name="project_ends_after_start"),
            models.UniqueConstraint(fields=["is_our_voice_group"],
                                    condition=models.Q(is_our_voice_group=True),
                                    name="one_our_voice_group")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def is_standing_group(self):
        return self.ends_on is None

    @property
    def level_meaning(self):
        return LEVEL_MEANINGS.get(self.level, "")

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def allowed_next(self):
        return [Status(to) for to in MOVES.allowed_from(self.status)]


class StatusChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} to {self.get_to_status_display()}"


class AssuranceScore(models.Model):
    """One Our Voice member's scores of a plan against the six principles (1 to 5)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    skills = models.PositiveSmallIntegerField()
    learning = models.PositiveSmallIntegerField()
    include = models.PositiveSmallIntegerField()
    language = models.PositiveSmallIntegerField()
    honest = models.PositiveSmallIntegerField()
    review = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "reviewer"],
                                               name="one_score_per_reviewer")]

    def __str__(self):
        return f"Scores by {self.reviewer}"


class AssuranceComment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    reply = models.TextField(blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]


class AssuranceDecision(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Assurance.choices)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self):
        return self.get_decision_display()


class Interest(models.Model):
    """A person's expression of interest in a project, and what staff decided."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        WAITING = "waiting", "On the waiting list"
        DECLINED = "declined", "Not this time"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Someone who left, or withdrew, may say they are interested again; a "not this time"
    # stands (staff write to them kindly instead).
    MOVES = Moves("expression of interest", {
        State.PENDING: [State.ACCEPTED, State.WAITING, State.DECLINED, State.WITHDRAWN],
        State.WAITING: [State.ACCEPTED, State.DECLINED, State.WITHDRAWN],
        State.ACCEPTED: [State.WITHDRAWN],
        State.WITHDRAWN: [State.PENDING],
    })

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="project_interests")
    what_i_bring = models.TextField("what you would bring", blank=True)
    access_needs = models.TextField("what you need to take part", blank=True)
    needs = ChoiceListField("what they need to take part", choices=AccessNeed.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    message = models.TextField("message to the person", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "person"],
                                               name="one_interest_per_person")]

    def __str__(self):
        return f"{self.person} in {self.project}"


class Membership(models.Model):
    """A person taking part in a project (accepted, or a co-chair)."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        CO_CHAIR = "co_chair", "Co-chair (lived experience)"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="project_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    access_needs = models.TextField(blank=True)
    needs = ChoiceListField("what they need to take part", choices=AccessNeed.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "person"],
                                               name="one_membership_per_person")]

    def __str__(self):
        return f"{self.person} in {self.project}"

    @property
    def active(self):
        return self.left_at is None


class Session(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    in_person = models.BooleanField("in person", default=True)
    venue = models.CharField(max_length=150, blank=True)
    address = models.TextField(blank=True)
    venue_access = models.TextField("accessibility of the venue", blank=True)
    online = models.BooleanField(default=False)
    online_link = models.URLField("online meeting link", blank=True)
    what_to_bring = models.TextField("what to bring or read", blank=True)
    arranged = ChoiceListField("what has been arranged", choices=AccessNeed.choices)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_at__gt=models.F("starts_at")),
            name="session_ends_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:session", args=[self.pk])

    def length_in_hours(self) -> Decimal:
        """How long the meeting lasts: nobody can take part for longer than this."""
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / 3600).quantize(Decimal("0.01"))


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="project_attendance")
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"],
                                               name="one_attendance_per_person")]

    def __str__(self):
        return f"{self.person} at {self.session}"


class Update(models.Model):
    """News from the project: to members, and when public, on the project page."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    title = models.CharField(max_length=150)
    body = models.TextField()
    public = models.BooleanField("show on the public project page", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class Scale(models.IntegerChoices):
    YES = 3, "Yes"
    PARTLY = 2, "Partly"
    NO = 1, "No"


class Evaluation(models.Model):
    """A member's feedback on how taking part felt."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="project_evaluations")
    listened = models.PositiveSmallIntegerField("Did you feel listened to?",
                                                choices=Scale.choices)
    equal = models.PositiveSmallIntegerField("Were you treated as an equal?",
                                             choices=Scale.choices)
    valued = models.PositiveSmallIntegerField("Did you feel valued?", choices=Scale.choices)
    understood = models.PositiveSmallIntegerField("Did you understand what was going on?",
                                                  choices=Scale.choices)
    access_met = models.PositiveSmallIntegerField("Were your access needs met?",
                                                  choices=Scale.choices)
    again = models.PositiveSmallIntegerField("Would you do it again?", choices=Scale.choices)
    comment = models.TextField("Anything else you want to tell us?", blank=True)
    # Asked since the dashboards: empty on older answers.
    from_start = models.PositiveSmallIntegerField("Were you involved from the start?",
                                                  choices=Scale.choices, null=True,
                                                  blank=True)
    share_comment = models.BooleanField(
        "Our Voice and staff may read my comment on the dashboards, without my name",
        default=False)
    submitted_at = models.DateTimeField(default=timezone.now)

    QUESTIONS = ["listened", "equal", "valued", "understood", "access_met", "again"]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "person"],
                                               name="one_evaluation_per_person")]

    def __str__(self):
        return f"Feedback from {self.person}"


class Reflection(models.Model):
    """The staff lead's look back at the end."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="reflection")
    what_changed = models.TextField("What changed because of co-production?")
    do_differently = models.TextField("What would we do differently next time?")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Reflection on {self.project}"


def _new_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A private address for one person's calendar of project sessions."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="project_calendar")
    token = models.CharField(max_length=64, unique=True, default=_new_token)

    def __str__(self):
        return f"Calendar of {self.person}"

    def renew_token(self):
        """A new private address; the old one no longer works."""
        self.token = _new_token()


class MeetingPaper(models.Model):
    """Papers to read before a meeting, or its minutes after, in one format; members get the
    version in their own format first."""

    class Kind(models.TextChoices):
        PAPERS = "papers", "Papers to read before"
        MINUTES = "minutes", "Minutes"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PAPERS)
    format = models.CharField(max_length=20, choices=DocumentFormat.choices,
                              default=DocumentFormat.STANDARD)
    title = models.CharField(max_length=150)
    file = models.FileField(upload_to="projects/papers/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "kind", "format", "id"]

    def __str__(self):
        return self.title


class ActionItem(models.Model):
    """One line of a standing group's action log: what, who, by when, and how it is going."""

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField("what will be done")
    owner = models.CharField("who will do it", max_length=150)
    due_on = models.DateField("by when")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    note = models.TextField("latest news", blank=True)
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="actions", verbose_name="agreed at")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.action[:60]
