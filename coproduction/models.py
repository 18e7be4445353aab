from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time each kind of background process proved it was alive (one row per kind),
    so that admins can see that jobs really run."""

    class Source(models.TextChoices):
        BEAT_AND_WORKER = "beat_and_worker", "Scheduler and worker"

    source = models.CharField(max_length=30, choices=Source.choices, unique=True)
    last_seen = models.DateTimeField()
    hostname = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.get_source_display()} at {self.last_seen:%Y-%m-%d %H:%M}"


class GlossaryTerm(models.Model):
    """A word or phrase that staff should not use in public text without thinking, and a
    plainer way to say it. Admins keep the list; the plain-language check reads it."""

    term = models.CharField(max_length=100, unique=True,
                            help_text="The word or phrase, for example 'stakeholder'. "
                                      "Matched whole, in any case.")
    plainer = models.CharField("plainer alternative", max_length=200,
                               help_text="What to write instead, for example 'people with "
                                         "an interest'.")

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term
