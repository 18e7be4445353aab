"""Telling people what co-production achieved: stories, case studies in the regional format
(our own, and ones imported from other councils), partner organisations and news.

Statuses move through `coproduction.states.Moves`; every move of a story is recorded (who,
when) in StoryStatusChange. The rules for who may move what are in stories/rules.py."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduction.states import Moves
from people.models import Area, Topic


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Story.Status.PUBLISHED)

    def for_topic(self, topic):
        return self.filter(topics=topic) if topic else self

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Story(models.Model):
    """A story of co-production. Staff publish their own; a member's story is checked by staff
    and then approved by its author before anyone else can read it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CHECKING = "checking", "Being checked by staff"
        WITH_AUTHOR = "with_author", "Waiting for the author's approval"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    MOVES = Moves("story", {
        Status.DRAFT: [Status.CHECKING, Status.PUBLISHED],
        Status.CHECKING: [Status.WITH_AUTHOR, Status.DRAFT],
        Status.WITH_AUTHOR: [Status.PUBLISHED, Status.CHECKING],
        Status.PUBLISHED: [Status.WITHDRAWN],
        Status.WITHDRAWN: [Status.DRAFT],
    })

    title = models.CharField(max_length=150)
    body = models.TextField("the story")
    easy_read_summary = models.TextField(
        "easy-read summary", blank=True,
        help_text="A few short sentences, one idea in each, 15 words or fewer.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="stories")
    by_staff = models.BooleanField(default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="stories")
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="stories")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    staff_note = models.TextField("note to the author", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "stories"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:story_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class StoryStatusChange(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Story.Status.choices)
    to_status = models.CharField(max_length=20, choices=Story.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Quote(models.Model):
    """Words someone said, shown only because they agreed (consent is recorded)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField("what they said")
    speaker = models.CharField("who said it, as they want to be named", max_length=150,
                               help_text="For example “Jo, a carer”. Leave it blank to show "
                                         "no name.", blank=True)
    consent_given = models.BooleanField("the speaker agreed to these words being published")
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                            related_name="+")
    consent_recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=models.Q(consent_given=True),
                                              name="quote_needs_consent")]

    def __str__(self):
        return self.text[:50]


class Picture(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pictures")
    image = models.FileField(upload_to="stories/pictures/")
    kind = models.CharField(max_length=10)  # jpeg or png, from the file's content
    alt_text = models.CharField(
        "what the picture shows", max_length=250,
        help_text="For people who cannot see it: describe what matters in one sentence.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.alt_text


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudy.Status.PUBLISHED)

    def ours(self):
        return self.filter(source=CaseStudy.Source.OURS)

    def imported(self):
        return self.filter(source=CaseStudy.Source.IMPORTED)


class CaseStudy(models.Model):
    """A case study in the format councils in the region share ("Emerging approaches to
    co-production"): ours are written from a finished project; others are imported from
    another council's export and kept apart, marked with where they came from."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Source(models.TextChoices):
        OURS = "ours", "Ours"
        IMPORTED = "imported", "From another council"

    MOVES = Moves("case study", {
        Status.DRAFT: [Status.PUBLISHED],
        Status.PUBLISHED: [Status.DRAFT],
    })

    uid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.OURS)
    from_council = models.CharField("council it came from", max_length=150, blank=True)
    source_uid = models.UUIDField(null=True, blank=True, editable=False)
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="case_studies")
    title = models.CharField(max_length=150)
    summary = models.CharField("summary in one line", max_length=250)
    problem = models.TextField("the problem")
    who_was_involved = models.TextField("who was involved")
    what_they_did = models.TextField("what they did")
    # Needed before publishing (case_study_move checks), not to save a draft.
    what_changed = models.TextField("what changed", blank=True)
    learning = models.TextField("what was the learning that supported success", blank=True)
    conditions = models.TextField("what were the conditions for success", blank=True)
    barriers = models.TextField("what were the barriers", blank=True)
    easy_read_summary = models.TextField("easy-read summary", blank=True)
    # What the portal knew when the case study was started: filled in for staff to edit.
    started_on = models.DateField("started", null=True, blank=True)
    ended_on = models.DateField("finished", null=True, blank=True)
    level_of_involvement = models.CharField(max_length=100, blank=True)
    people_involved = models.PositiveIntegerField("how many people took part", null=True,
                                                  blank=True)
    how_often = models.CharField("how often they met", max_length=250, blank=True)
    evaluation_results = models.TextField("what people said in the evaluation", blank=True)
    commitments_met = models.TextField("commitments met", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name_plural = "case studies"
        constraints = [
            models.UniqueConstraint(fields=["from_council", "source_uid"],
                                    name="one_import_per_case_study"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:case_study_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_imported(self):
        return self.source == self.Source.IMPORTED


class Partner(models.Model):
    """An organisation the council works with (a voluntary group, a carers' association, the
    local NHS board, Healthwatch). It may co-host projects and events; its staff may have a
    partner account (PartnerAccount) to see and co-run what it co-hosts."""

    name = models.CharField(max_length=150, unique=True)
    what_they_do = models.TextField("what they do")
    contact_name = models.CharField("contact person", max_length=150, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    contact_phone = models.CharField("contact phone", max_length=50, blank=True)
    website = models.URLField(blank=True)
    # Kept here, not on Project and Event, so the projects and listening rooms do not change.
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="partners",
                                      verbose_name="projects it co-hosts")
    events = models.ManyToManyField("listening.Event", blank=True, related_name="partners",
                                    verbose_name="events it co-hosts")
    # Members who say they belong to the group (optional, their own choice).
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="partner_groups")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:partner_detail", args=[self.pk])


class PartnerAccount(models.Model):
    """A person who works for a partner organisation. With the partner role (User.is_partner)
    they see and co-run what their organisation co-hosts."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="partner_account")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="accounts")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} at {self.partner}"


class NewsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=NewsPost.Status.PUBLISHED)

    def for_topic(self, topic):
        return self.filter(topics=topic) if topic else self

    def for_area(self, area):
        return self.filter(areas=area) if area else self


class NewsPost(models.Model):
    """A short post about what co-production achieved, written by staff in plain English,
    with an easy-read version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    MOVES = Moves("news post", {
        Status.DRAFT: [Status.PUBLISHED],
        Status.PUBLISHED: [Status.DRAFT],
    })

    title = models.CharField(max_length=150)
    body = models.TextField("the news", help_text="A few short paragraphs.")
    easy_read = models.TextField("easy-read version",
                                 help_text="Short sentences, one idea in each.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="news_posts")
    areas = models.ManyToManyField(Area, blank=True, related_name="news_posts")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "news post"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:news_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED
