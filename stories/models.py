"""Telling people what co-production achieved: stories, case studies in the regional format
(our own, and ones imported from other councils), partner organisations and news.

Statuses move through `coproduction.states.Moves`; every move of a story is recorded (who,
when) in StoryStatusChange. The rules for who may move what are in stories/rules.py."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduction.states import Moves
from people.models import Topic


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
